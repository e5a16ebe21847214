package uk.jtai.response.movedeadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.calendar.CalendarFixtures;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * Moving a deadline when the inspectors move a date: PUT /api/inspections/{reference}/milestones/{name}
 * and the Business Unit's Tasklist process bpmn/move-deadline.bpmn. Notified Monday 24 May 2027: day 9,
 * the audit report deadline, is Friday 4 June; one working day later is Monday 7 June.
 */
class MoveDeadlineTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();
  private Http bu;

  @BeforeEach
  void users() {
    TestUsers.ensure(engine.getIdentityService(), "md-bu", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "md-laim", "laim");
    TestUsers.ensure(engine.getIdentityService(), "md-police", "police");
    TestUsers.ensure(engine.getIdentityService(), "md-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "md-author", "business-unit");
    bu = Http.as(port, "md-bu", TestUsers.PASSWORD);
  }

  /** The sign-off chain open on version 1, the police having approved. */
  private String chainOpen() {
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    moveClockTo("2027-05-28T14:00:00+01:00");
    complete(task(reference, "Task_AppointAuditRoles"), Map.of("auditChair", "md-chair", "auditAuthor", "md-author"));
    moveClockTo("2027-06-02T16:00:00+01:00");
    complete(task(reference, "Task_RecordAuditDay"), Map.of("auditDayHeld", true,
        "attendedAgencies", SpinValues.jsonValue("[\"police\"]").create()));
    moveClockTo("2027-06-03T15:00:00+01:00");
    complete(task(reference, "Task_UploadReportDraft"), Map.of("newReportVersion", 1, "newReportLocation", "Report v1"));
    complete(agencyTask(reference, "Task_ApproveAuditReport", "police"), Map.of("reportDecision", "approve", "qualityAssured", true));
    return reference;
  }

  private static String body(String due, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("due", due);
    body.put("reason", reason);
    try {
      return new ObjectMapper().writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Instant> timersOf(String reference) {
    String stage = calledProcess(reference, "audit-day-and-report").getId();
    return management.createJobQuery().processInstanceId(stage).timers().list().stream()
        .map(Job::getDuedate).map(java.util.Date::toInstant).sorted().toList();
  }

  @Test
  void movingTheAuditReportDeadlineMovesItsTasksItsTimersTheWarningAndTheSchedule() throws Exception {
    String reference = chainOpen();
    assertThat(timersOf(reference)).contains(instant("2027-06-04T12:00:00+01:00"), instant("2027-06-04T17:00:00+01:00"));

    HttpResponse<String> moved = bu.put("/api/inspections/" + reference + "/milestones/AUDIT_REPORT_DUE",
        body("2027-06-07T17:00:00+01:00", "The lead inspector agreed a day's extension"));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

    for (Task approval : openTasks(reference, "Task_ApproveAuditReport")) {
      assertThat(approval.getDueDate().toInstant()).isEqualTo(instant("2027-06-07T17:00:00+01:00"));
      assertThat(approval.getName()).as("Tasklist's list names the inspection and the new due day")
          .endsWith(" \u2013 " + reference + ", due day 10").doesNotContain("day 9");
    }
    assertThat(timersOf(reference)).contains(instant("2027-06-07T12:00:00+01:00"), instant("2027-06-07T17:00:00+01:00"))
        .doesNotContain(instant("2027-06-04T12:00:00+01:00"), instant("2027-06-04T17:00:00+01:00"));
    JsonNode schedule = json.readTree(bu.get("/api/inspections/" + reference + "/schedule").body());
    for (JsonNode milestone : schedule.get("milestones")) {
      if (milestone.get("name").asText().equals("AUDIT_REPORT_DUE")) {
        assertThat(milestone.get("due").asText()).isEqualTo("2027-06-07T17:00:00+01:00");
        assertThat(milestone.get("workingDay").asInt()).isEqualTo(10);
      }
      if (milestone.get("name").asText().equals("AUDIT_REPORT_WARNING")) {
        assertThat(milestone.get("due").asText()).as("moves with the deadline").isEqualTo("2027-06-07T12:00:00+01:00");
      }
    }
    JsonNode changes = json.readTree(bu.get("/api/inspections/" + reference + "/milestone-changes").body());
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).get("name").asText()).isEqualTo("AUDIT_REPORT_DUE");
    assertThat(changes.get(0).get("oldDue").asText()).isEqualTo("2027-06-04T17:00:00+01:00");
    assertThat(changes.get(0).get("movedBy").asText()).isEqualTo("md-bu");
    assertThat(changes.get(0).get("reason").asText()).isEqualTo("The lead inspector agreed a day's extension");

    moveClockTo("2027-06-04T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-report-warning")).as("the old instants pass quietly").isEmpty();
    assertThat(outbox(reference, "audit-report-missed")).isEmpty();
    moveClockTo("2027-06-07T12:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-report-warning")).hasSize(1);
    assertThat((String) outbox(reference, "audit-report-warning").get(0).get("body")).contains("17:00 on Monday 7 June");
  }

  @Test
  void badMovesAreRefusedAndChangeNothing() throws Exception {
    String reference = chainOpen();
    String path = "/api/inspections/" + reference + "/milestones/";
    HttpResponse<String> unknown = bu.put(path + "NO_SUCH_THING", body("2027-06-07T17:00:00+01:00", "x"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("\"field\":\"name\"").contains("AUDIT_REPORT_DUE");
    HttpResponse<String> noReason = bu.put(path + "AUDIT_REPORT_DUE", body("2027-06-07T17:00:00+01:00", " "));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("\"field\":\"reason\",\"reason\":\"is required\"");
    HttpResponse<String> garbled = bu.put(path + "AUDIT_REPORT_DUE", body("next Monday", "x"));
    assertThat(garbled.statusCode()).isEqualTo(400);
    assertThat(garbled.body()).contains("\"field\":\"due\"");
    HttpResponse<String> past = bu.put(path + "AUDIT_REPORT_DUE", body("2027-06-01T17:00:00+01:00", "x"));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.body()).contains("is in the past");
    assertThat(Http.as(port, "md-police", TestUsers.PASSWORD).put(path + "AUDIT_REPORT_DUE", body("2027-06-07T17:00:00+01:00", "x"))
        .statusCode()).isEqualTo(403);
    assertThat(bu.put("/api/inspections/JTAI-1999-01-NONE/milestones/AUDIT_REPORT_DUE", body("2027-06-07T17:00:00+01:00", "x"))
        .statusCode()).isEqualTo(404);

    assertThat(json.readTree(bu.get("/api/inspections/" + reference + "/milestone-changes").body())).isEmpty();
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).allSatisfy(t ->
        assertThat(t.getDueDate().toInstant()).isEqualTo(instant("2027-06-04T17:00:00+01:00")));
  }

  @Test
  void laimMovesADeadlineFromTasklist() {
    String reference = chainOpen();
    engine.getIdentityService().setAuthentication("md-laim", List.of("laim"));
    try {
      String definition = repository.createProcessDefinitionQuery().processDefinitionKey("move-deadline").latestVersion()
          .singleResult().getId();
      assertThatThrownBy(() -> forms.submitStartForm(definition, Map.of("inspectionReference", reference,
          "milestone", "AUDIT_REPORT_DUE", "newDue", "2027-06-08T17:00:00+01:00")))
          .hasMessageContaining("reason: is required");
      assertThatThrownBy(() -> forms.submitStartForm(definition, Map.of("inspectionReference", reference,
          "milestone", "AUDIT_REPORT_DUE", "newDue", "2027-06-06T17:00:00+01:00", "moveReason", "Moved")))
          .hasMessageContaining("Sunday 6 June 2027 is not a working day (weekend)");
      forms.submitStartForm(definition, Map.of("inspectionReference", reference, "milestone", "AUDIT_REPORT_DUE",
          "newDue", "2027-06-08T17:00:00+01:00", "moveReason", "Moved at the set-up discussion"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).allSatisfy(t ->
        assertThat(t.getDueDate().toInstant()).isEqualTo(instant("2027-06-08T17:00:00+01:00")));
    assertThat(jdbc.queryForObject("select moved_by from jtai_milestone_change where reference = ? and name = 'AUDIT_REPORT_DUE'",
        String.class, reference)).isEqualTo("md-laim");
  }

  private JsonNode milestone(String reference, String name) throws Exception {
    for (JsonNode milestone : json.readTree(bu.get("/api/inspections/" + reference + "/schedule").body()).get("milestones")) {
      if (milestone.get("name").asText().equals(name)) {
        return milestone;
      }
    }
    throw new AssertionError("no milestone " + name);
  }

  @Test
  void aDeadlineMovedOntoABankHolidayOrAWeekendIsRefusedNamingTheDayAndNothingChanges() throws Exception {
    String reference = chainOpen();
    String path = "/api/inspections/" + reference + "/milestones/AUDIT_REPORT_DUE";
    HttpResponse<String> christmas = bu.put(path, body("2027-12-27T17:00:00Z", "The inspectors asked for it"));
    assertThat(christmas.statusCode()).isEqualTo(400);
    assertThat(json.readTree(christmas.body()).get("errors").get(0).get("field").asText()).isEqualTo("due");
    assertThat(json.readTree(christmas.body()).get("errors").get(0).get("reason").asText())
        .isEqualTo("Monday 27 December 2027 is not a working day (Christmas Day, bank holiday)");
    HttpResponse<String> saturday = bu.put(path, body("2027-06-05T17:00:00+01:00", "The inspectors asked for it"));
    assertThat(saturday.statusCode()).isEqualTo(400);
    assertThat(saturday.body()).contains("Saturday 5 June 2027 is not a working day (weekend)");

    assertThat(json.readTree(bu.get("/api/inspections/" + reference + "/milestone-changes").body())).isEmpty();
    assertThat(milestone(reference, "AUDIT_REPORT_DUE").get("due").asText()).isEqualTo("2027-06-04T17:00:00+01:00");
    assertThat(milestone(reference, "AUDIT_REPORT_WARNING").get("due").asText()).isEqualTo("2027-06-04T12:00:00+01:00");
    assertThat(timersOf(reference)).contains(instant("2027-06-04T12:00:00+01:00"), instant("2027-06-04T17:00:00+01:00"));
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).allSatisfy(t ->
        assertThat(t.getDueDate().toInstant()).isEqualTo(instant("2027-06-04T17:00:00+01:00")));
  }

  @Test
  void theWarningFollowsByTheSameWorkingTimeAcrossTheWeekend() throws Exception {
    String reference = chainOpen();
    // From Friday 17:00 to Tuesday 10:00 is nine working hours (Monday, then Tuesday's first hour). The
    // warning, five working hours before the deadline, moves nine working hours from Friday 12:00 over
    // the weekend to Monday 13:00: still five working hours before it, on a working day.
    HttpResponse<String> moved = bu.put("/api/inspections/" + reference + "/milestones/AUDIT_REPORT_DUE",
        body("2027-06-08T10:00:00+01:00", "Moved to after the Tuesday meeting"));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

    assertThat(milestone(reference, "AUDIT_REPORT_WARNING").get("due").asText()).isEqualTo("2027-06-07T13:00:00+01:00");
    assertThat(milestone(reference, "AUDIT_REPORT_WARNING").get("workingDay").asInt()).isEqualTo(10);
    assertThat(timersOf(reference)).contains(instant("2027-06-07T13:00:00+01:00"), instant("2027-06-08T10:00:00+01:00"));
    WorkingCalendar calendar = CalendarFixtures.calendar();
    assertThat(calendar.workingTimeBetween(instant("2027-06-07T13:00:00+01:00"), instant("2027-06-08T10:00:00+01:00")))
        .isEqualTo(calendar.workingTimeBetween(instant("2027-06-04T12:00:00+01:00"), instant("2027-06-04T17:00:00+01:00")));
    JsonNode changes = json.readTree(bu.get("/api/inspections/" + reference + "/milestone-changes").body());
    assertThat(changes).hasSize(2);
    assertThat(changes.get(1).get("reason").asText()).isEqualTo("moves with AUDIT_REPORT_DUE: Moved to after the Tuesday meeting");
  }
}
