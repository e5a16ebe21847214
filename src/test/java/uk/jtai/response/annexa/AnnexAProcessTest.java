package uk.jtai.response.annexa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * bpmn/annex-a.bpmn: the Local Authority's Annex A by 17:00 on day 2 (guidance 9.1 and 11). Each test starts
 * the stage on its own, with what jtai-inspection passes in ({@link #startStage}).
 */
class AnnexAProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  private final ObjectMapper json = new ObjectMapper();

  /** The rows the task offers, answered: every list uploaded except the last, which has a rationale. */
  ArrayNode answered(Task task) throws Exception {
    ArrayNode rows = (ArrayNode) json.readTree(tasks.getVariable(task.getId(), "annexALists").toString());
    for (int i = 0; i < rows.size(); i++) {
      ObjectNode row = (ObjectNode) rows.get(i);
      if (i < rows.size() - 1) {
        row.put("uploaded", true).put("portalReference", "Portal / Annex A / " + row.get("id").asText());
      } else {
        row.put("uploaded", false).put("rationale", "No multi-agency audits were completed in the period.");
      }
    }
    return rows;
  }

  static Map<String, Object> rows(ArrayNode rows) {
    return Map.of("annexALists", SpinValues.jsonValue(rows.toString()).create());
  }

  @Test
  void theLocalAuthorityListsTheThemesAnnexAAndSubmitsThemOnTime() throws Exception {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "domestic-abuse", NOTIFIED);
    assertThat(annexA).isStarted().hasBusinessKey(reference).isWaitingAt("Task_SubmitAnnexA")
        .hasPassed("Event_AnnexARequested");
    Task submit = task(reference, "Task_SubmitAnnexA");
    assertThat(submit).hasCandidateGroup("la").isNotAssigned()
        .hasDueDate(java.util.Date.from(instant("2027-05-25T17:00:00+01:00")));
    assertThat(job("Timer_AnnexADue", annexA)).as("the escalation is due when the task is")
        .hasDueDate(java.util.Date.from(instant("2027-05-25T17:00:00+01:00")));
    ArrayNode offered = (ArrayNode) json.readTree(tasks.getVariable(submit.getId(), "annexALists").toString());
    assertThat(offered).extracting(row -> row.get("id").asText())
        .containsExactly("contacts", "early-help", "referrals", "section-47", "not-in-education", "multi-agency-audits");

    moveClockTo("2027-05-25T15:00:00+01:00");
    complete(submit, rows(answered(submit)));

    assertThat(annexA).hasPassedInOrder("Task_SubmitAnnexA", "Event_AnnexASubmitted").isEnded()
        .hasNotPassed("Task_EscalateAnnexA", "Event_AnnexAEscalated");
    String summary = history.createHistoricVariableInstanceQuery().processInstanceId(annexA.getId())
        .variableName("annexASubmitted").singleResult().getValue().toString();
    assertThat(json.readTree(summary).get(0).get("portalReference").asText()).isEqualTo("Portal / Annex A / contacts");
    assertThat(json.readTree(summary).get(5).get("rationale").asText()).contains("No multi-agency audits");
  }

  /**
   * Tasklist's Camunda Forms send a dynamic list back with the fields the form shows only: each row's id,
   * which the form does not show, is missing. The rows come back in the order offered, so the ids are taken
   * back by position (found by the browser tests).
   */
  @Test
  void rowsSentBackWithoutTheirIdsAsTasklistSendsThemAreTakenByPosition() throws Exception {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "domestic-abuse", NOTIFIED);
    Task submit = task(reference, "Task_SubmitAnnexA");
    ArrayNode rows = answered(submit);
    rows.forEach(row -> ((ObjectNode) row).remove("id"));

    moveClockTo("2027-05-25T15:00:00+01:00");
    complete(submit, rows(rows));

    assertThat(annexA).isEnded();
    String summary = history.createHistoricVariableInstanceQuery().processInstanceId(annexA.getId())
        .variableName("annexASubmitted").singleResult().getValue().toString();
    assertThat(json.readTree(summary)).extracting(row -> row.get("id").asText())
        .containsExactly("contacts", "early-help", "referrals", "section-47", "not-in-education", "multi-agency-audits");
    assertThat(json.readTree(summary).get(1).get("portalReference").asText()).isEqualTo("Portal / Annex A / early-help");
  }

  @Test
  void seriousYouthViolenceAsksForItsOwnLists() throws Exception {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "serious-youth-violence", NOTIFIED);
    assertThat(annexA).isWaitingAt("Task_SubmitAnnexA");
    Task submit = task(reference, "Task_SubmitAnnexA");
    ArrayNode offered = (ArrayNode) json.readTree(tasks.getVariable(submit.getId(), "annexALists").toString());
    assertThat(offered).extracting(row -> row.get("id").asText())
        .containsExactly("referrals", "section-47", "not-in-education", "multi-agency-audits");
    assertThat(offered.get(2).get("title").asText()).contains("of school age");
  }

  /**
   * Serious youth violence's flowchart: the local authority's first child-level data lists by 5pm on day 1,
   * and every local agency's list of children whose experiences relate to the theme by 5pm on day 2 (paragraph
   * 127). Each agency confirms its own; a miss is escalated once and the task stays open; nothing waits.
   */
  @Test
  void seriousYouthViolenceAsksEachAgencyForItsListAndTheLocalAuthorityForItsFirstListsOnDay1() throws Exception {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "serious-youth-violence", NOTIFIED);
    assertThat(annexA).isWaitingAt("Task_SubmitAnnexA", "Task_ShareFirstLists", "Task_ShareAgencyLists");

    Task first = task(reference, "Task_ShareFirstLists");
    assertThat(first).as("the local authority's alone").hasCandidateGroup("la")
        .hasDueDate(java.util.Date.from(instant("2027-05-24T17:00:00+01:00")));
    assertThat(first.getName()).as("the step, the agency, the inspection and its due day")
        .isEqualTo("Share the local authority's first child-level data lists (Local Authority) \u2013 " + reference + ", due day 1");
    assertThat(forms.getTaskFormVariables(first.getId()).getValue("sharedList", String.class))
        .isEqualTo("Local authority shares child-level data lists 4, 6, 7 and 8");
    List<Task> own = openTasks(reference, "Task_ShareAgencyLists");
    assertThat(own).extracting(task -> tasks.getIdentityLinksForTask(task.getId()).get(0).getGroupId())
        .as("every agency of the theme").containsExactlyInAnyOrder("la", "police", "health", "probation", "yjs", "education");
    own.forEach(task -> assertThat(task).hasDueDate(java.util.Date.from(instant("2027-05-25T17:00:00+01:00"))));

    // Refused, naming the fields, and nothing kept.
    Task police = agencyTask(reference, "Task_ShareAgencyLists", "police");
    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("listShared", false)))
        .hasMessageContaining("listShared: confirm the list is shared on the inspectors' secure portal")
        .hasMessageContaining("portalReference: is required");
    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("listShared", true, "portalReference", "Portal / Police",
        "childName", "A child"))).hasMessageContaining("childName");
    assertThat(agencyTask(reference, "Task_ShareAgencyLists", "police")).as("still open").isNotNull();
    complete(police, Map.of("listShared", true, "portalReference", "Portal / Police / SYV list"));
    assertThat(runtime.getVariable(annexA.getId(), "portalReference")).as("kept on the agency's step, not the stage").isNull();

    // 17:00 on day 1: the first lists are late, escalated once to the local authority and the LAIM; still open.
    moveClockTo("2027-05-24T17:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);
    assertThat(annexA).hasPassed("Task_EscalateFirstLists").isWaitingAt("Task_ShareFirstLists");
    List<Map<String, Object>> escalations = outbox(reference, "task-overdue");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients"))
        .isEqualTo("la.lead@york.example,la.deputy@york.example,inspection.manager@york.example");
    moveClockTo("2027-05-25T09:00:00+01:00");
    assertThat(fireDueTimers(reference)).as("escalated once").isZero();

    // Day 2: the first lists done late; every other agency's list and Annex A by 17:00.
    complete(task(reference, "Task_ShareFirstLists"), Map.of("listShared", true, "portalReference", "Portal / LA / lists 4, 6, 7, 8"));
    for (Task list : openTasks(reference, "Task_ShareAgencyLists")) {
      complete(list, Map.of("listShared", true, "portalReference", "Portal / own list"));
    }
    assertThat(annexA).isWaitingAt("Task_SubmitAnnexA");
    Task submit = task(reference, "Task_SubmitAnnexA");
    complete(submit, rows(answered(submit)));
    assertThat(annexA).hasPassed("Event_FirstListsShared", "Event_AgencyListsShared", "Event_AnnexASubmitted")
        .hasNotPassed("Task_EscalateAgencyLists").isEnded();
  }

  @Test
  void aThemeThatAsksForNoOtherListsHasOnlyAnnexA() {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "domestic-abuse", NOTIFIED);
    assertThat(openTasks(reference, "Task_ShareFirstLists")).isEmpty();
    assertThat(openTasks(reference, "Task_ShareAgencyLists")).isEmpty();
    assertThat(tasks.createTaskQuery().processInstanceId(annexA.getId()).count()).isEqualTo(1);
  }

  @Test
  void annexANotSubmittedBy17OnDay2IsEscalatedToTheDcsAndTheBusinessUnit() throws Exception {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-25T16:59:59+01:00");
    assertThat(fireDueTimers(reference)).as("not before 17:00").isZero();
    moveClockTo("2027-05-25T17:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);

    assertThat(annexA).hasPassedInOrder("Timer_AnnexADue", "Task_EscalateAnnexA", "Event_AnnexAEscalated")
        .as("the task stays open").isWaitingAt("Task_SubmitAnnexA");
    Task submit = task(reference, "Task_SubmitAnnexA");
    List<Map<String, Object>> escalations = outbox(reference, "task-overdue").stream()
        .filter(row -> ((String) row.get("subject")).contains("Annex A")).toList();
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("dcs@york.example,cyscp@york.gov.uk");
    assertThat((String) escalations.get(0).get("body")).contains("17:00 on Tuesday 25 May");

    complete(submit, rows(answered(submit)));
    assertThat(annexA).hasPassed("Event_AnnexASubmitted").isEnded();
  }

  @Test
  void aListNeitherUploadedNorExplainedIsRefusedNamingTheListAndNothingIsKept() throws Exception {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "domestic-abuse", NOTIFIED);
    Task submit = task(reference, "Task_SubmitAnnexA");
    ArrayNode rows = answered(submit);
    ((ObjectNode) rows.get(3)).put("portalReference", " ");
    ((ObjectNode) rows.get(5)).put("rationale", "");

    assertThatThrownBy(() -> tasks.complete(submit.getId(), rows(rows)))
        .hasMessageContaining("annexALists[3].portalReference: 'All section 47 enquiries")
        .hasMessageContaining("annexALists[5].rationale: 'List of multi-agency audits completed in the last 6 months': not uploaded, so give the rationale");
    assertThat(annexA).isWaitingAt("Task_SubmitAnnexA").variables().doesNotContainKey("annexASubmitted");
  }

  @Test
  void listsThatAreNotTheThemesOrMissingAreRefused() throws Exception {
    String reference = newReference();
    ProcessInstance annexA = startStage("annex-a", reference, "domestic-abuse", NOTIFIED);
    Task submit = task(reference, "Task_SubmitAnnexA");
    ArrayNode rows = answered(submit);
    rows.remove(0);
    ((ObjectNode) rows.get(0)).put("id", "made-up-list");

    assertThatThrownBy(() -> tasks.complete(submit.getId(), rows(rows)))
        .hasMessageContaining("'made-up-list' is not an Annex A list of this theme")
        .hasMessageContaining("'All contacts in the 6 months before the inspection")
        .hasMessageContaining("is not answered");
    assertThatThrownBy(() -> tasks.complete(submit.getId(), Map.of()))
        .as("a submission is read as sent: the rows the task offered are not an answer")
        .hasMessageContaining("annexALists: is required");
    assertThat(annexA).isWaitingAt("Task_SubmitAnnexA").hasNotPassed("Event_AnnexASubmitted");
  }
}
