package uk.jtai.response.concerns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/** The issue-of-concern event subprocess of bpmn/jtai-inspection.bpmn (guidance section 14). */
class IssueOfConcernProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  static final String SUMMARY = "Child 9800999001 left at home with the alleged perpetrator despite a safety plan";

  @LocalServerPort int port;

  @BeforeEach
  void users() {
    TestUsers.ensure(engine.getIdentityService(), "ioc-laim", "laim");
    TestUsers.ensure(engine.getIdentityService(), "ioc-bu", "business-unit");
  }

  private Task respondTask(String reference, String agency) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_RespondToConcern")
        .taskCandidateGroup(agency + "-senior").singleResult();
  }

  @Test
  void twoConcernsRunSideBySideOneIsEscalatedAndTheInspectionCarriesOn() throws Exception {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T11:00:00+01:00");

    Task desk = task(reference, "Task_RecordIssueOfConcern");
    assertThat(desk).as("LAIM can record one from day 1").isNotNull();
    assertThatThrownBy(() -> tasks.complete(desk.getId(), Map.of("concernAgency", "fire-service")))
        .hasMessageContaining("concernAgency: must be one of this inspection's agencies")
        .hasMessageContaining("concernSummary: is required");
    complete(desk, Map.of("concernAgency", "police", "concernSummary", SUMMARY));
    assertThat(task(reference, "Task_RecordIssueOfConcern")).as("ready for the next").isNotNull();

    HttpResponse<String> viaApi = Http.as(port, "ioc-laim", TestUsers.PASSWORD).post("/api/inspections/" + reference + "/concerns",
        "{\"agency\":\"health\",\"summary\":\"Health visitor records not shared with children's social care\"}");
    assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(201);

    Task police = respondTask(reference, "police");
    Task health = respondTask(reference, "health");
    assertThat(police.getName()).isEqualTo("Respond to the issue of concern (Police) \u2013 " + reference + ", due day 1");
    assertThat(police.getDueDate().toInstant()).isEqualTo(instant("2027-05-24T15:00:00+01:00"));
    assertThat(forms.getTaskFormVariables(police.getId()).get("concernSummary")).isEqualTo(SUMMARY);
    assertThat(forms.getTaskFormVariables(health.getId()).get("concernSummary")).asString().startsWith("Health visitor");

    List<Map<String, Object>> notices = outbox(reference, "issue-of-concern");
    assertThat(notices).hasSize(2);
    assertThat(notices).extracting(row -> row.get("recipients"))
        .containsExactlyInAnyOrder("police.senior@york.example,dcs@york.example", "health.senior@york.example,dcs@york.example");
    assertThat(notices).allSatisfy(row -> assertThat(row.get("subject") + "" + row.get("body"))
        .doesNotContain("9800999001").doesNotContain("perpetrator").doesNotContain("Health visitor records"));

    moveClockTo("2027-05-24T13:30:00+01:00");
    complete(police, Map.of("agencyResponse", "A strategy discussion was held at 12:30 and the child is safe."));
    Task record = task(reference, "Task_RecordConcernResponse");
    assertThat(forms.getTaskFormVariables(record.getId()).get("agencyResponse")).asString().contains("strategy discussion");
    complete(record, Map.of("responseRecordedOnTemplate", true, "responseGivenAt", "2027-05-24T13:00:00+01:00"));

    moveClockTo("2027-05-24T15:00:01+01:00");
    fireDueTimers(reference);
    List<Map<String, Object>> escalations = outbox(reference, "task-overdue");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("dcs@york.example");
    assertThat((String) escalations.get(0).get("subject")).contains("Respond to the issue of concern (Health)");
    assertThat((String) escalations.get(0).get("body")).as("the concern's own deadline, not the inspection's findings")
        .contains("was due by 15:00 on Monday 24 May");
    assertThat(runtime.getVariable(inspectionId(reference), "missedDeadlines")).asString()
        .contains("Respond to the issue of concern (Health)").doesNotContain("FINDINGS");
    assertThat(respondTask(reference, "health")).as("stays open").isNotNull();

    assertThat(task(reference, "Task_SubmitAnnexA")).as("the rest of the inspection carries on").isNotNull();
    assertThat(jdbc.queryForObject("select count(*) from jtai_concern where reference = ? and given_to_inspectors_at is not null",
        Integer.class, reference)).isEqualTo(1);
  }

  private String inspectionId(String reference) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey("jtai-inspection")
        .singleResult().getId();
  }

  @Test
  void onlyLaimRecordsAConcernOverTheApiAndBadInputChangesNothing() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    Http laim = Http.as(port, "ioc-laim", TestUsers.PASSWORD);
    assertThat(Http.as(port, "ioc-bu", TestUsers.PASSWORD).post("/api/inspections/" + reference + "/concerns",
        "{\"agency\":\"police\",\"summary\":\"x\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> bad = laim.post("/api/inspections/" + reference + "/concerns", "{\"agency\":\"yjs\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("concernAgency").contains("concernSummary");
    assertThat(laim.post("/api/inspections/JTAI-1999-01-NONE/concerns", "{\"agency\":\"police\",\"summary\":\"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(Http.anonymous(port).post("/api/inspections/" + reference + "/concerns", "{}").statusCode()).isEqualTo(401);
    assertThat(jdbc.queryForObject("select count(*) from jtai_concern where reference = ?", Integer.class, reference)).isZero();
    assertThat(openTasks(reference, "Task_RespondToConcern")).isEmpty();
  }
}
