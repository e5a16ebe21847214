package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.childselection.identity.ChildIdentities;
import uk.jtai.response.childselection.identity.ChildIdentity;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.IdentityData;
import uk.jtai.response.support.Multipart;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * Every demo role (and the administrator) tries every door to the selected children's identifying details:
 * the page, both downloads, the recording page and its form, the DCS's access record, for an inspection at
 * its known-to-agency sheets and for another whose details are held but where nobody has a task. Only the
 * agencies with an open sheet and LAIM see the 20; only LAIM opens the recording page and only with the
 * page's token records; only the DCS reads the access record; and nothing of the children is in what the
 * engine's REST API answers (the sheet's form variables, runtime and history variables).
 */
class HostileIdentityTest extends ProcessTestSupport {

  private static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @LocalServerPort int port;
  @Autowired Partnership partnership;
  @Autowired ChildIdentities identities;
  @Autowired SelectedChildren selected;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void onlyThoseWhoseOpenTasksNeedTheChildrenSeeThemThroughAnyDoor() throws Exception {
    AsDemoUsers demo = new AsDemoUsers(engine, partnership);
    String sheets = newReference();
    startStage("child-selection", sheets, "domestic-abuse", NOTIFIED, "2027-05-26T10:00:00+01:00");
    List<String> twenty = ChildData.references(751, 20);
    List<IdentityData.Row> rows = IdentityData.rows(751, twenty, LocalDate.of(2027, 5, 26));
    identities.record(sheets, children(rows), "laim", java.time.Instant.now());
    complete(task(sheets, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(twenty)));
    Task health = agencyTask(sheets, "Task_ReturnKnownToAgency", "health");
    JsonNode offered = json.readTree(forms.getTaskFormVariables(health.getId()).get("knownToAgencyAnswers").toString());
    offered.forEach(row -> ((ObjectNode) row).put("answer", "no"));
    complete(health, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(offered.toString()).create()));
    // LAIM's forward opens when the returns are due (the other agencies' sheets stay open, to be returned late).
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
        schedules.due(sheets, "KNOWN_TO_AGENCY_DUE").orElseThrow().plusSeconds(60)));
    fireDueTimers(sheets);

    String elsewhere = newReference();
    registerInspection(elsewhere, "domestic-abuse", NOTIFIED);
    List<IdentityData.Row> otherRows = IdentityData.rows(752, ChildData.references(752, 20), LocalDate.of(2027, 5, 26));
    identities.record(elsewhere, children(otherRows), "laim", java.time.Instant.now());
    List<String> secrets = new ArrayList<>(IdentityData.secrets(rows));
    secrets.addAll(IdentityData.secrets(otherRows));

    Set<String> seeTheTwenty = Set.of("laim", "la.lead", "la.deputy", "police.lead", "police.deputy", "probation.lead",
        "probation.deputy");
    Map<String, String> unexpected = new TreeMap<>();
    Map<String, Integer> refused = new LinkedHashMap<>();
    List<String> users = demo.everyRole();
    Http admin = Http.as(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    for (String user : users) {
      Http as = Http.as(port, user, TestUsers.PASSWORD);
      String page = "/inspections/" + sheets + "/children";
      Map<String, Integer> expected = new LinkedHashMap<>();
      expected.put("GET " + page, seeTheTwenty.contains(user) ? 200 : 403);
      expected.put("GET " + page + ".csv?list=FIRST_SELECTION", seeTheTwenty.contains(user) ? 200 : 403);
      expected.put("GET " + page + ".csv?list=AUDIT_SELECTION", 403);
      expected.put("GET " + page + "/record", user.equals("laim") ? 200 : 403);
      expected.put("POST " + page + "/record", 403);
      expected.put("GET /inspections/" + elsewhere + "/children", 403);
      expected.put("GET /inspections/" + elsewhere + "/children.csv?list=FIRST_SELECTION", 403);
      expected.put("GET /api/inspections/" + sheets + "/identity-access", user.equals("dcs") ? 200 : 403);
      expected.put("GET /inspections/" + sheets + "/identity-access", user.equals("dcs") ? 200 : 403);
      for (Map.Entry<String, Integer> door : expected.entrySet()) {
        String path = door.getKey().substring(door.getKey().indexOf(' ') + 1);
        HttpResponse<String> answer = door.getKey().startsWith("POST")
            ? as.post(path, new Multipart().text("rows", IdentityData.pasted(otherRows)).text("token", "guessed"))
            : as.get(path);
        if (answer.statusCode() != door.getValue()) {
          unexpected.put(user + " " + door.getKey(), answer.statusCode() + " (expected " + door.getValue() + ")");
        }
        if (answer.statusCode() != 200) {
          refused.merge(door.getKey().replace(sheets, "{sheets}").replace(elsewhere, "{elsewhere}"), 1, Integer::sum);
          if (secrets.stream().anyMatch(answer.body()::contains)) {
            unexpected.put(user + " " + door.getKey(), "a refusal that shows a child");
          }
        } else if (!seeTheTwenty.contains(user) && secrets.stream().anyMatch(answer.body()::contains)) {
          unexpected.put(user + " " + door.getKey(), "shows a child");
        }
      }
    }
    System.out.println("Refusals per door (of " + users.size() + " users): " + refused);
    assertThat(unexpected).as("doors that answered otherwise").isEmpty();
    assertThat(admin.get("/inspections/" + sheets + "/children").statusCode()).as("an administrator has no task").isEqualTo(403);
    assertThat(identities.list(elsewhere)).as("no POST replaced a list").isEqualTo(children(otherRows));
    // The DCS's page of the record names those who looked, never a child.
    HttpResponse<String> record = Http.as(port, "dcs", TestUsers.PASSWORD).get("/inspections/" + sheets + "/identity-access");
    assertThat(record.statusCode()).isEqualTo(200);
    assertThat(record.body()).contains("police.lead", "probation.deputy", "viewed", "downloaded as a spreadsheet",
        "the children selected first (the 20)");
    assertThat(secrets).noneMatch(record.body()::contains);

    // The engine's doors hold none of them: the police sheet's form, its variables, runtime and history.
    Http police = Http.as(port, "police.lead", TestUsers.PASSWORD);
    Task sheet = agencyTask(sheets, "Task_ReturnKnownToAgency", "police");
    for (String path : List.of("/engine-rest/task/" + sheet.getId() + "/form-variables?deserializeValues=false",
        "/engine-rest/task/" + sheet.getId() + "/variables?deserializeValues=false",
        "/engine-rest/variable-instance?deserializeValues=false", "/engine-rest/history/variable-instance?deserializeValues=false",
        "/engine-rest/history/detail?deserializeValues=false")) {
      for (Http caller : List.of(police, admin)) {
        HttpResponse<String> answer = caller.get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(secrets).as(path).noneMatch(answer.body()::contains);
      }
    }
  }

  private static List<ChildIdentity> children(List<IdentityData.Row> rows) {
    return rows.stream().map(r -> new ChildIdentity(r.reference(), r.fullName(), r.dateOfBirth(), r.nhsNumber(), r.postcode(),
        r.address())).toList();
  }
}
