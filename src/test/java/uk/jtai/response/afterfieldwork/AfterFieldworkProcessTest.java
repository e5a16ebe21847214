package uk.jtai.response.afterfieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.purge.InspectionPurge;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * bpmn/after-fieldwork.bpmn (guidance sections 15 to 18 and published action plans), and closing the
 * inspection. Notified Monday 24 May 2027: fieldwork ends Monday 14 June (day 15), the draft report is
 * expected on day 30, Monday 5 July. Each test starts the stage on its own ({@link #atAfterFieldwork}), except
 * the one that runs the inspection to its close and the purge of its child data.
 */
class AfterFieldworkProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");

  @Autowired ScheduleRepository schedules;
  @Autowired InspectionPurge purge;
  @Autowired DataSource dataSource;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void people() {
    TestUsers.ensure(engine.getIdentityService(), "af-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "af-author", "business-unit");
  }

  /** An inspection brought to the draft report; returns the audited children. */
  private List<String> afterFieldwork(String reference) {
    List<String> audited = reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    runWeek2(reference, "af-chair", "af-author");
    runFieldwork(reference);
    assertThat(task(reference, "Task_RecordDraftReport")).isNotNull();
    return audited;
  }

  /** The stage started on its own, as jtai-inspection starts it once fieldwork and every earlier stage are done. */
  private ProcessInstance atAfterFieldwork(String reference) {
    ProcessInstance stage = startStage("after-fieldwork", reference, "domestic-abuse", NOTIFIED, "2027-06-14T18:00:00+01:00");
    assertThat(stage).hasBusinessKey(reference).isWaitingAt("Task_RecordDraftReport");
    assertThat(task(reference, "Task_RecordDraftReport")).hasDueDate(java.util.Date.from(instant("2027-07-05T17:00:00+01:00")));
    return stage;
  }

  private void draftArrives(String reference) {
    moveClockTo("2027-07-02T11:00:00+01:00");
    complete(task(reference, "Task_RecordDraftReport"), Map.of("draftArrivedAt", "2027-07-02T10:00:00+01:00",
        "draftReportLocation", "Reports/draft findings"));
  }

  private void publish(String reference, boolean priorityAction) {
    moveClockTo("2027-07-14T15:00:00+01:00");
    complete(task(reference, "Task_ReturnFactualAccuracy"), Map.of("factualAccuracyReturned", true,
        "factualAccuracyReturnedAt", "2027-07-14T14:00:00+01:00"));
    moveClockTo("2027-07-26T11:00:00+01:00");
    complete(task(reference, "Task_RecordFinalReport"), Map.of("finalArrivedAt", "2027-07-26T10:00:00+01:00",
        "finalReportLocation", "Reports/final (embargoed)", "publicationDate", "2027-07-30"));
    moveClockTo("2027-07-30T10:00:00+01:00");
    // The embargo lifts at publication; the Business Unit records it by the end of that day.
    assertThat(outbox(reference, "final-report-embargo").get(0).get("subject")).asString()
        .contains("EMBARGOED until 09:00 on Friday 30 July");
    assertThat(task(reference, "Task_RecordPublication").getDueDate().toInstant())
        .isEqualTo(instant("2027-07-30T17:00:00+01:00"));
    complete(task(reference, "Task_RecordPublication"), Map.of("publishedAt", "2027-07-30T09:00:00+01:00",
        "reportUrl", "https://reports.ofsted.gov.uk/jtai/york", "priorityAction", priorityAction));
  }

  @Test
  void theFactualAccuracyCheckOnTimeThenPublicationTheActionPlanAndClosingWithChildDataPurged() throws Exception {
    String reference = newReference();
    List<String> audited = afterFieldwork(reference);
    assertThat(task(reference, "Task_RecordDraftReport").getDueDate().toInstant()).isEqualTo(instant("2027-07-05T17:00:00+01:00"));
    draftArrives(reference);

    assertThat(schedules.due(reference, "AGENCY_COMMENTS_DUE")).contains(instant("2027-07-12T17:00:00+01:00"));
    assertThat(schedules.due(reference, "FACTUAL_ACCURACY_DUE")).as("9 working days: Thursday of week 8")
        .contains(instant("2027-07-15T17:00:00+01:00"));
    assertThat(agencyTask(reference, "Task_SendFactualAccuracy", "police").getDueDate().toInstant())
        .isEqualTo(instant("2027-07-12T17:00:00+01:00"));
    complete(agencyTask(reference, "Task_SendFactualAccuracy", "police"), Map.of("factualCommentsLocation", "FA/police"));
    complete(agencyTask(reference, "Task_SendFactualAccuracy", "education"), Map.of("noFactualComments", true));
    assertThat(management.createJobQuery().processInstanceId(calledProcess(reference, "after-fieldwork").getId()).messages().count())
        .as("no job between a return and the DCS's task").isZero();
    Task dcs = task(reference, "Task_ReturnFactualAccuracy");
    assertThat(tasks.getVariables(dcs.getId())).as("a view, read when the task is opened").doesNotContainKey("factualAccuracyComments");
    String view = forms.getTaskFormVariables(dcs.getId()).get("factualAccuracyComments").toString();
    assertThat(json.readTree(view)).anySatisfy(row -> assertThat(row.toString()).contains("Police").contains("FA/police"))
        .anySatisfy(row -> assertThat(row.toString()).contains("Education").contains("No comments"))
        .anySatisfy(row -> assertThat(row.toString()).contains("Health").contains("Not returned"));

    publish(reference, false);
    assertThat(openTasks(reference, "Task_SendFactualAccuracy")).as("comments still outstanding are moot once returned").isEmpty();
    List<Map<String, Object>> embargo = outbox(reference, "final-report-embargo");
    assertThat(embargo).hasSize(1);
    assertThat((String) embargo.get(0).get("recipients")).contains("police.senior@york.example").contains("independent.scrutineer@york.example");
    assertThat((String) embargo.get(0).get("subject")).contains("EMBARGOED until 09:00 on Friday 30 July");
    assertThat(schedules.due(reference, "ACTION_PLAN_DUE")).as("70 working days after publication")
        .contains(instant("2027-11-08T17:00:00Z"));

    for (String agency : AGENCIES) {
      complete(agencyTask(reference, "Task_ContributeActions", agency), Map.of("actionsLocation", "Plan/" + agency, "actionCount", 3));
    }
    complete(agencyTask(reference, "Task_SignOffActions", "police-senior"), Map.of("actionsDecision", "send-back",
        "actionsSentBackReason", "Add a timescale to action 2"));
    Task again = agencyTask(reference, "Task_ContributeActions", "police");
    assertThat(tasks.getVariable(again.getId(), "actionsSentBackReason")).isEqualTo("Add a timescale to action 2");
    complete(again, Map.of("actionsLocation", "Plan/police v2", "actionCount", 3));
    completeAll(reference, "Task_SignOffActions", Map.of("actionsDecision", "approve"));
    assertThatThrownBy(() -> tasks.complete(task(reference, "Task_SubmitActionPlan").getId(), Map.of("actionPlanSubmitted", true)))
        .hasMessageContaining("reportedToGovernance");
    moveClockTo("2027-10-20T10:00:00+01:00");
    complete(task(reference, "Task_SubmitActionPlan"), Map.of("actionPlanSubmitted", true, "actionPlanSubmittedAt",
        "2027-10-20T09:00:00+01:00", "actionPlanLocation", "Plan v1", "reportedToGovernance", true));
    // The debrief opens with each agency's figures against its deadlines, and the previous inspection's if any.
    JsonNode debrief = json.readTree(forms.getTaskFormVariables(task(reference, "Task_HoldLessonsLearned").getId())
        .get("debriefFigures").toString());
    List<String> agencies = new java.util.ArrayList<>();
    debrief.forEach(row -> agencies.add(row.get("agency").asText()));
    assertThat(agencies).containsExactly("Local Authority", "Police", "Health", "Probation", "Education",
        "City of York Safeguarding Children Partnership");
    assertThat(debrief.get(1).get("deadlines").asText()).matches("\\d+ of \\d+ on time( \\(\\d+%\\))?");
    assertThat(debrief.get(1).get("previous").asText()).isNotBlank();
    assertThat(debrief.toString()).as("steps and times, never a child").doesNotContain(audited.toArray(String[]::new));
    complete(task(reference, "Task_HoldLessonsLearned"), Map.of("debriefHeldAt", "2027-10-20T09:30:00+01:00",
        "lessonsLocation", "Lessons"));

    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).as("the inspection has closed").isZero();
    assertThat(jdbc.queryForObject("select count(*) from jtai_reminder where reference = ? and status = 'PENDING'",
        Integer.class, reference)).as("no reminder left to send").isZero();
    assertThat(jdbc.queryForObject("select count(*) from jtai_reminder where reference = ? and outcome = 'inspection closed'",
        Integer.class, reference)).as("those planned beyond the close withdrawn as it closed").isPositive();
    assertThat(purge.closedAndNotPurged()).contains(reference);

    assertThat(ChildData.whereFound(dataSource, audited)).isNotEmpty();
    purge.purge(reference, "inspection closed");
    assertThat(ChildData.whereFound(dataSource, audited)).as("no child reference in runtime or history").isEmpty();
    assertThat(purge.closedAndNotPurged()).doesNotContain(reference);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_HoldLessonsLearned")
        .finished().count()).as("the audit trail stays").isEqualTo(1);
  }

  @Test
  void lateFactualAccuracyCommentsAndALateReturnAreEscalated() {
    String reference = newReference();
    ProcessInstance stage = atAfterFieldwork(reference);
    draftArrives(reference);
    moveClockTo("2027-07-12T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("factual-accuracy comments"))
        .hasSize(5);
    moveClockTo("2027-07-15T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Return the coordinated"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients"))
            .isEqualTo("cyscp@york.gov.uk,inspection.manager@york.example,dcs@york.example"));
    assertThat(task(reference, "Task_ReturnFactualAccuracy")).as("stays open").isNotNull();
    assertThat(stage).isWaitingAt("Task_ReturnFactualAccuracy");
  }

  @Test
  void aPriorityActionBringsTheActionPlanForward() {
    String reference = newReference();
    ProcessInstance stage = atAfterFieldwork(reference);
    draftArrives(reference);
    publish(reference, true);
    assertThat(schedules.due(reference, "ACTION_PLAN_DUE")).contains(instant("2027-08-27T17:00:00+01:00"));
    assertThat(task(reference, "Task_SubmitActionPlan")).isNull();
    assertThat(stage).isWaitingAt("Task_ContributeActions").hasNotPassed("Task_SubmitActionPlan");
    assertThat(agencyTask(reference, "Task_ContributeActions", "la").getDueDate().toInstant())
        .isEqualTo(instant("2027-08-27T17:00:00+01:00"));
  }

  @Test
  void aDraftReportNotRecordedByWeek6IsChasedAndThePublicationDateCannotPrecedeTheFinalReport() {
    String reference = newReference();
    ProcessInstance stage = atAfterFieldwork(reference);
    moveClockTo("2027-07-05T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("draft findings report"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients")).isEqualTo("dcs@york.example,cyscp@york.gov.uk"));
    draftArrives(reference);
    moveClockTo("2027-07-14T15:00:00+01:00");
    complete(task(reference, "Task_ReturnFactualAccuracy"), Map.of("factualAccuracyReturned", true,
        "factualAccuracyReturnedAt", "2027-07-14T14:00:00+01:00"));
    moveClockTo("2027-07-26T11:00:00+01:00");
    assertThatThrownBy(() -> tasks.complete(task(reference, "Task_RecordFinalReport").getId(), Map.of(
        "finalArrivedAt", "2027-07-26T10:00:00+01:00", "finalReportLocation", "F", "publicationDate", "2027-07-20")))
        .hasMessageContaining("publicationDate: is before the final report arrived");
    assertThat(stage).isWaitingAt("Task_RecordFinalReport");
  }
}
