package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/** The public contract of POST /api/inspections and GET /api/inspections/{reference}/schedule. */
class InspectionApiTest extends ProcessTestSupport {

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();
  private Http businessUnit;

  @BeforeEach
  void users() {
    TestUsers.ensure(engine.getIdentityService(), "api-bu", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "api-dcs", "dcs");
    TestUsers.ensure(engine.getIdentityService(), "api-police", "police");
    businessUnit = Http.as(port, "api-bu", TestUsers.PASSWORD);
  }

  private static String body(String reference, String theme, String notifiedAt) {
    return "{\"reference\":\"" + reference + "\",\"theme\":\"" + theme + "\",\"notifiedAt\":\"" + notifiedAt + "\"}";
  }

  private JsonNode errors(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body()).get("errors");
  }

  @Test
  void anonymousCallsAreRefused() {
    Http anonymous = Http.anonymous(port);
    assertThat(anonymous.post("/api/inspections", body(newReference(), "domestic-abuse", "2027-05-24T09:10:00+01:00"))
        .statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/api/inspections/JTAI-2027-05-YORK/schedule").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/engine-rest/engine").statusCode()).isEqualTo(401);
    // Another user: failed logins throttle the user's next attempts (Camunda's brute-force protection).
    TestUsers.ensure(engine.getIdentityService(), "api-guessed");
    assertThat(Http.as(port, "api-guessed", "wrong password").get("/engine-rest/task").statusCode()).isEqualTo(401);
  }

  @Test
  void theBusinessUnitStartsAnInspectionAndReadsItsSchedule() throws Exception {
    String reference = newReference();
    HttpResponse<String> created = businessUnit.post("/api/inspections",
        body(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/api/inspections/" + reference);

    HttpResponse<String> schedule = businessUnit.get("/api/inspections/" + reference + "/schedule");
    assertThat(schedule.statusCode()).isEqualTo(200);
    JsonNode view = json.readTree(schedule.body());
    assertThat(view.get("reference").asText()).isEqualTo(reference);
    assertThat(view.get("theme").asText()).isEqualTo("domestic-abuse");
    assertThat(view.get("notifiedAt").asText()).isEqualTo("2027-05-24T09:10:00+01:00");
    JsonNode auditReport = null;
    for (JsonNode milestone : view.get("milestones")) {
      if (milestone.get("name").asText().equals("AUDIT_REPORT_DUE")) {
        auditReport = milestone;
      }
    }
    assertThat(auditReport).isNotNull();
    assertThat(auditReport.get("workingDay").asInt()).isEqualTo(9);
    // 31 May 2027 is the Spring bank holiday, so day 9 is Friday 4 June.
    assertThat(auditReport.get("due").asText()).isEqualTo("2027-06-04T17:00:00+01:00");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("jtai-inspection")
        .processInstanceBusinessKey(reference).count()).isEqualTo(1);
  }

  @Test
  void aCallAfterTheNoonDeadlineOfDayOneStartsTheInspectionWithThatDeadlineFromTheCall() throws Exception {
    String reference = newReference();
    HttpResponse<String> created = businessUnit.post("/api/inspections",
        body(reference, "domestic-abuse", "2027-05-24T12:05:00+01:00"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    JsonNode view = json.readTree(businessUnit.get("/api/inspections/" + reference + "/schedule").body());
    JsonNode partners = null;
    for (JsonNode milestone : view.get("milestones")) {
      if (milestone.get("name").asText().equals("PARTNERS_NOTIFIED_DUE")) {
        partners = milestone;
      }
    }
    assertThat(partners).isNotNull();
    assertThat(partners.get("workingDay").asInt()).isEqualTo(1);
    // 12:00 on day 1 is three working hours from the start of the day: three working hours from the call.
    assertThat(partners.get("due").asText()).isEqualTo("2027-05-24T15:05:00+01:00");
  }

  @Test
  void theDcsCanStartOneTooButAnAgencyCannot() {
    assertThat(Http.as(port, "api-dcs", TestUsers.PASSWORD)
        .post("/api/inspections", body(newReference(), "serious-youth-violence", "2027-05-24T09:10:00+01:00"))
        .statusCode()).isEqualTo(201);
    String reference = newReference();
    HttpResponse<String> refused = Http.as(port, "api-police", TestUsers.PASSWORD)
        .post("/api/inspections", body(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from jtai_inspection where reference = ?", Integer.class, reference)).isZero();
  }

  @Test
  void anUnknownThemeIsRefusedListingTheKnownOnes() throws Exception {
    HttpResponse<String> response = businessUnit.post("/api/inspections", body(newReference(), "knife-crime", "2027-05-24T09:10:00+01:00"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errors(response).get(0).get("field").asText()).isEqualTo("theme");
    assertThat(errors(response).get(0).get("reason").asText())
        .isEqualTo("unknown theme 'knife-crime'; known themes: child-sexual-abuse, criminal-exploitation, domestic-abuse, front-door, neglect, serious-youth-violence");
  }

  @Test
  void aMalformedOrMissingReferenceOrTimeIsRefused() throws Exception {
    HttpResponse<String> malformed = businessUnit.post("/api/inspections", body("york 2027", "domestic-abuse", "24/05/2027 09:10"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(errors(malformed)).extracting(e -> e.get("field").asText()).containsExactly("reference", "notifiedAt");

    HttpResponse<String> missing = businessUnit.post("/api/inspections", "{\"theme\":\"domestic-abuse\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("\"field\":\"reference\",\"reason\":\"is required\"")
        .contains("\"field\":\"notifiedAt\",\"reason\":\"is required\"");

    HttpResponse<String> notJson = businessUnit.post("/api/inspections", "reference=JTAI");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(errors(notJson).get(0).get("field").asText()).isEqualTo("body");
  }

  @Test
  void aNotificationOnAWeekendOrBankHolidaySaysWhichItIs() throws Exception {
    HttpResponse<String> saturday = businessUnit.post("/api/inspections", body(newReference(), "domestic-abuse", "2027-05-29T09:10:00+01:00"));
    assertThat(saturday.statusCode()).isEqualTo(400);
    assertThat(errors(saturday).get(0).get("reason").asText()).contains("2027-05-29 is not a working day (Saturday)");

    HttpResponse<String> goodFriday = businessUnit.post("/api/inspections", body(newReference(), "domestic-abuse", "2026-04-03T09:10:00+01:00"));
    assertThat(goodFriday.statusCode()).isEqualTo(400);
    assertThat(errors(goodFriday).get(0).get("reason").asText()).contains("Good Friday (bank holiday)");
  }

  @Test
  void aScheduleThatRunsPastTheBankHolidayDataIsRefusedSayingWhatToUpdate() throws Exception {
    HttpResponse<String> response = businessUnit.post("/api/inspections", body(newReference(), "domestic-abuse", "2028-12-18T09:10:00Z"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errors(response).get(0).get("field").asText()).isEqualTo("notifiedAt");
    assertThat(errors(response).get(0).get("reason").asText()).contains("runs into 2029")
        .contains("bank-holidays-england-and-wales.json");
  }

  @Test
  void aReferenceAlreadyRunningIsAConflict() {
    String reference = newReference();
    assertThat(businessUnit.post("/api/inspections", body(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00"))
        .statusCode()).isEqualTo(201);
    HttpResponse<String> again = businessUnit.post("/api/inspections", body(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already exists");
  }

  @Test
  void anUnknownReferenceHasNoSchedule() {
    assertThat(businessUnit.get("/api/inspections/JTAI-1999-01-NOWHERE/schedule").statusCode()).isEqualTo(404);
  }
}
