package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.jtai.response.deployment.ModelDeployer;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * bpmn/jtai-inspection.bpmn alone: every stage it calls is replaced by a stub that waits until the test
 * ends it, so each path of the parent (the stages opening on the calendar: day 1, week 2 at the record of the 6 or
 * SIX_SELECTED_DUE, the case audits at the record of the 6, after fieldwork at the end of fieldwork or FINDINGS; no
 * join; the terminating end closing what is still open; the issue-of-concern event subprocess and its timer; what
 * passes into and out of each call activity) is asserted without driving any real stage. The message child-selection
 * sends when LAIM records the 6 is correlated by the test as ChildSelection.tellInspection does.
 *
 * <p>The test runs in the shared test application (its engine, beans and database), where the real stages
 * are deployed under the keys the model calls. So each test deploys the model and its stubs as one new
 * deployment, which makes them the latest versions of their keys (a call activity calls the latest), and
 * removes that deployment with its instances afterwards, which makes the real models the latest again.
 * Test classes run one after another in one JVM, so no other test sees the stubs. A tenant would keep them
 * apart too, but the coverage recorder looks models up by key alone. The model's own expressions run
 * against the real beans: the start listener {@code ${inspectionRegistration}} (schedule and milestones),
 * {@code ${auditDay}}, {@code ${concerns}} and {@code ${escalate}}.
 */
class JtaiInspectionModelTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  /** The stubs' wait state and the message that ends it. */
  static final String STUB_WAITING = "Stub_Working";
  static final String STAGE_DONE = "Stage done";

  static final List<String> STAGES = List.of("notification-cascade", "annex-a", "fieldwork-meetings", "documentary-evidence",
      "child-selection", "case-audit", "audit-day-and-report", "fieldwork", "after-fieldwork");
  static final List<String> FORMS = List.of("forms/start-inspection.form", "forms/record-issue-of-concern.form",
      "forms/respond-to-concern.form", "forms/record-concern-response.form");

  private String deploymentId;

  /**
   * A called stage reduced to what the parent sees: it starts, waits, and ends normally. No real stage throws
   * anything its call activity catches (audit-day-and-report's escalations are caught inside it; the
   * terminate ends of child-selection, audit-day-and-report and after-fieldwork end only the stage), so a
   * normal end is all a stub needs.
   */
  static BpmnModelInstance stub(String key) {
    return Bpmn.createExecutableProcess(key).name("Stub of " + key).camundaHistoryTimeToLive(1)
        .startEvent("Stub_Started")
        .receiveTask(STUB_WAITING).message(STAGE_DONE)
        .endEvent("Stub_Ended")
        .done();
  }

  @BeforeEach
  void deployModelWithStubs() {
    // The forms as the service deployed them (the start form lists the known themes).
    String served = repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().get(0).getId();
    DeploymentBuilder deployment = repository.createDeployment().name("jtai-inspection alone")
        .addClasspathResource("bpmn/jtai-inspection.bpmn");
    for (String form : FORMS) {
      deployment.addInputStream(form, new java.io.ByteArrayInputStream(resource(served, form)));
    }
    STAGES.forEach(stage -> deployment.addModelInstance("stubs/" + stage + ".bpmn", stub(stage)));
    deploymentId = deployment.deploy().getId();
  }

  @AfterEach
  void removeModelWithStubs() {
    repository.deleteDeployment(deploymentId, true, true);
  }

  private byte[] resource(String deployment, String name) {
    try (InputStream in = repository.getResourceAsStream(deployment, name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProcessInstance start(String reference) {
    moveClockTo(NOTIFIED);
    String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey("jtai-inspection")
        .deploymentId(deploymentId).singleResult().getId();
    return forms.submitStartForm(definitionId, Map.of("reference", reference, "theme", "domestic-abuse", "notifiedAt", NOTIFIED));
  }

  /** Ends the running stub of this stage, handing back these variables as the stage's own. */
  private void finish(ProcessInstance inspection, String stage, Map<String, Object> variables) {
    ProcessInstance called = calledProcessInstance(stage, inspection);
    assertThat(called).isWaitingAt(STUB_WAITING);
    runtime.createMessageCorrelation(STAGE_DONE).processInstanceId(called.getId()).setVariables(variables).correlate();
    assertThat(called).isEnded();
  }

  private void finish(ProcessInstance inspection, String stage) {
    finish(inspection, stage, Map.of());
  }

  /** What child-selection sends when LAIM records the children selected for audit (ChildSelection.tellInspection). */
  private void auditSelectionRecorded(String reference) {
    runtime.createMessageCorrelation("auditSelectionRecorded").processInstanceBusinessKey(reference).correlateAll();
  }

  private long running(String reference, String stage) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey(stage).count();
  }

  private void assertStandingOnly(ProcessInstance inspection, String... stages) {
    for (String stage : stages) {
      assertThat(runtime.getVariables(calledProcessInstance(stage, inspection).getId())).as(stage + " receives the standing, nothing else")
          .containsOnlyKeys("reference", "theme", "themeName", "notifiedAt");
    }
  }

  @Test
  void day1StartsTheWeek1StagesTheChildSelectionAndTheConcernDeskAndWeek2WaitsForTheSixOrItsMilestone() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);

    assertThat(inspection).isStarted().hasBusinessKey(reference)
        .hasPassedInOrder("Event_NotificationReceived", "Event_InspectionStarted", "Gateway_Week1Split")
        .isWaitingAt("Activity_NotificationCascade", "Activity_AnnexA", "Activity_ChildSelection", "Activity_FieldworkMeetings",
            "Activity_DocumentaryEvidence", "Task_RecordIssueOfConcern", "Event_ChildrenForAuditKnown", "Gateway_Week2Begins")
        .hasNotPassed("Gateway_Week2Split", "Activity_CaseAudit")
        .variables().containsEntry("reference", reference).containsEntry("theme", "domestic-abuse")
        .containsEntry("themeName", "Children who are victims of domestic abuse").containsEntry("notifiedAt", NOTIFIED);
    assertThat(jdbc.queryForObject("select process_instance_id from jtai_inspection where reference = ?", String.class, reference))
        .as("the start listener registered the inspection and its schedule").isEqualTo(inspection.getId());
    assertThat(jdbc.queryForObject("select count(*) from jtai_milestone where reference = ?", Integer.class, reference)).isPositive();

    for (String stage : List.of("notification-cascade", "annex-a", "child-selection", "fieldwork-meetings", "documentary-evidence")) {
      ProcessInstance called = calledProcessInstance(stage, inspection);
      assertThat(called).as(stage).isWaitingAt(STUB_WAITING).hasBusinessKey(reference);
      assertThat(runtime.getVariables(called.getId()).get("notifiedAt")).as(stage).isEqualTo(NOTIFIED);
    }
    assertStandingOnly(inspection, "notification-cascade", "annex-a", "child-selection", "fieldwork-meetings",
        "documentary-evidence");
    assertThat(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection)).hasCandidateGroup("laim").isNotAssigned();
    assertThat(job("Timer_Week2Due", inspection)).as("day 5, 11:00")
        .hasDueDate(java.util.Date.from(instant("2027-05-28T11:00:00+01:00")));
  }

  @Test
  void theChildSelectionRunsAlongsideAnnexAAndIsStillOpenOnDay3WhenAnnexANeverCame() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    moveClockTo("2027-05-26T09:00:00+01:00");
    fireDueTimers(reference);

    assertThat(inspection).as("day 3, Annex A still with the local authority")
        .isWaitingAt("Activity_AnnexA", "Activity_ChildSelection").hasNotPassed("Activity_AnnexA");
    assertThat(calledProcessInstance("child-selection", inspection)).isWaitingAt(STUB_WAITING);

    // The stage ends with the inspectors' choice made, Annex A still open: nothing waits for it, and what the stage
    // hands back is its audit count only.
    finish(inspection, "child-selection", Map.of("auditSelectionCount", 5, "selectionStubNote", "stays in the stage"));
    assertThat(inspection).hasPassed("Activity_ChildSelection", "Event_ChildSelectionOver").isWaitingAt("Activity_AnnexA")
        .variables().containsEntry("auditSelectionCount", 5).doesNotContainKey("selectionStubNote");
  }

  @Test
  void laimRecordingTheSixBeforeTheMilestoneBeginsWeek2AndTheCaseAuditsWhoeverIsLateInWeek1() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    moveClockTo("2027-05-28T10:15:00+01:00");

    auditSelectionRecorded(reference);

    assertThat(inspection).hasPassedInOrder("Event_AuditSelectionRecorded", "Gateway_Week2Opens", "Gateway_Week2Split")
        .hasPassed("Event_ChildrenForAuditKnown").hasNotPassed("Timer_Week2Due")
        .isWaitingAt("Activity_CaseAudit", "Activity_AuditDayAndReport", "Activity_Fieldwork",
            "Activity_NotificationCascade", "Activity_AnnexA", "Activity_ChildSelection", "Activity_FieldworkMeetings",
            "Task_RecordIssueOfConcern");
    assertStandingOnly(inspection, "case-audit", "audit-day-and-report", "fieldwork");
    assertThat(management.createJobQuery().processInstanceId(inspection.getId()).activityId("Timer_Week2Due").count())
        .as("the milestone's timer went with the gateway").isZero();
    assertThat(job("Timer_FindingsDue", inspection)).as("day 15, 17:00")
        .hasDueDate(java.util.Date.from(instant("2027-06-14T17:00:00+01:00")));

    moveClockTo("2027-05-28T11:00:01+01:00");
    assertThat(fireDueTimers(reference)).as("nothing fires at SIX_SELECTED_DUE any more").isZero();
    for (String stage : List.of("case-audit", "audit-day-and-report", "fieldwork")) {
      assertThat(running(reference, stage)).as(stage + " once").isEqualTo(1);
    }
  }

  @Test
  void theMilestoneFiringFirstBeginsTheAuditDayAndFieldworkAndTheCaseAuditsWaitForTheSix() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    moveClockTo("2027-05-28T10:59:00+01:00");
    assertThat(fireDueTimers(reference)).as("not before SIX_SELECTED_DUE").isZero();

    moveClockTo("2027-05-28T11:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);
    assertThat(inspection).hasPassedInOrder("Timer_Week2Due", "Gateway_Week2Opens", "Gateway_Week2Split")
        .hasNotPassed("Event_AuditSelectionRecorded", "Activity_CaseAudit")
        .isWaitingAt("Activity_AuditDayAndReport", "Activity_Fieldwork", "Event_ChildrenForAuditKnown",
            "Activity_ChildSelection", "Activity_AnnexA");
    assertThat(running(reference, "case-audit")).isZero();

    // LAIM records the six late, at 15:00: the case audits begin; week 2 has begun already and is not begun again.
    moveClockTo("2027-05-28T15:00:00+01:00");
    auditSelectionRecorded(reference);
    assertThat(inspection).hasPassed("Event_ChildrenForAuditKnown").isWaitingAt("Activity_CaseAudit");
    assertStandingOnly(inspection, "case-audit");
    for (String stage : List.of("case-audit", "audit-day-and-report", "fieldwork")) {
      assertThat(running(reference, stage)).as(stage + " once").isEqualTo(1);
    }
  }

  @Test
  void afterFieldworkBeginsWhenFieldworkEndsWithAStragglerInTheCaseAuditsAndEveryOtherStageStillOpen() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    auditSelectionRecorded(reference);
    moveClockTo("2027-06-11T16:00:00+01:00");

    finish(inspection, "fieldwork");
    assertThat(inspection).hasPassedInOrder("Activity_Fieldwork", "Gateway_AfterFieldworkBegun")
        .hasNotPassed("Event_FieldworkOver", "Timer_FindingsDue")
        .isWaitingAt("Activity_AfterFieldwork", "Activity_CaseAudit", "Activity_AuditDayAndReport", "Activity_AnnexA",
            "Activity_ChildSelection", "Activity_NotificationCascade", "Activity_FieldworkMeetings", "Task_RecordIssueOfConcern");
    assertStandingOnly(inspection, "after-fieldwork");

    // At FINDINGS the milestone finds after fieldwork begun already, and begins nothing again.
    moveClockTo("2027-06-14T17:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);
    assertThat(inspection).hasPassedInOrder("Timer_FindingsDue", "Gateway_AfterFieldworkBegunAtFindings",
        "Event_FindingsAfterFieldworkBegun").isWaitingAt("Activity_AfterFieldwork");
    assertThat(running(reference, "after-fieldwork")).as("begun once").isEqualTo(1);

    // An issue of concern is still being answered when the inspection finishes.
    complete(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection), Map.of("concernAgency", "police", "concernSummary", "Late strategy discussion"));
    assertThat(inspection).isWaitingAt("Task_RespondToConcern");

    finish(inspection, "after-fieldwork");
    assertThat(inspection).hasPassed("Activity_AfterFieldwork", "Event_InspectionFinished", "Event_InspectionClosed")
        .hasNotPassed("Task_RecordConcernResponse", "Event_ConcernAnswered", "Event_ConcernEscalated", "Event_CaseAuditOver")
        .isEnded();
    for (String stage : STAGES) {
      assertThat(running(reference, stage)).as(stage + ": the straggler ends with the inspection").isZero();
    }
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference).count()).as("no task left open").isZero();
    assertThat(management.createJobQuery().processInstanceId(inspection.getId()).count())
        .as("the concern's timer went with it").isZero();
  }

  @Test
  void atTheFindingsAfterFieldworkBeginsWhileFieldworkIsStillOpenAndFieldworkEndingLateBeginsNothingAgain() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    auditSelectionRecorded(reference);
    finish(inspection, "case-audit");
    finish(inspection, "audit-day-and-report");

    moveClockTo("2027-06-14T16:59:00+01:00");
    assertThat(fireDueTimers(reference)).as("not before FINDINGS").isZero();
    moveClockTo("2027-06-14T17:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);
    assertThat(inspection).hasPassedInOrder("Timer_FindingsDue", "Gateway_AfterFieldworkBegunAtFindings")
        .hasNotPassed("Gateway_AfterFieldworkBegun", "Event_FindingsAfterFieldworkBegun")
        .isWaitingAt("Activity_Fieldwork", "Activity_AfterFieldwork");
    assertThat(running(reference, "after-fieldwork")).isEqualTo(1);

    moveClockTo("2027-06-15T10:00:00+01:00");
    finish(inspection, "fieldwork");
    assertThat(inspection).hasPassedInOrder("Activity_Fieldwork", "Gateway_AfterFieldworkBegun", "Event_FieldworkOver")
        .isWaitingAt("Activity_AfterFieldwork");
    assertThat(running(reference, "after-fieldwork")).as("begun once").isEqualTo(1);

    finish(inspection, "after-fieldwork");
    assertThat(inspection).isEnded();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count())
        .as("the week-1 stages still open end with the inspection").isZero();
  }

  @Test
  void everyStageEndingOnTimeEndsOnItsOwnAndNoJoinWaitsForAny() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    finish(inspection, "fieldwork-meetings");
    finish(inspection, "documentary-evidence");
    finish(inspection, "notification-cascade");
    finish(inspection, "annex-a");
    auditSelectionRecorded(reference);
    finish(inspection, "child-selection", Map.of("auditSelectionCount", 6));
    finish(inspection, "case-audit");
    finish(inspection, "audit-day-and-report");
    assertThat(inspection).hasPassed("Event_FieldworkMeetingsOver", "Event_DocumentaryEvidenceOver", "Event_NotificationCascadeOver", "Event_AnnexAOver",
            "Event_ChildSelectionOver", "Event_CaseAuditOver", "Event_AuditDayAndReportOver")
        .isWaitingAt("Activity_Fieldwork", "Task_RecordIssueOfConcern").hasNotPassed("Activity_AfterFieldwork");
    finish(inspection, "fieldwork");
    assertThat(inspection).isWaitingAt("Activity_AfterFieldwork", "Task_RecordIssueOfConcern");
    finish(inspection, "after-fieldwork");
    assertThat(inspection).isEnded();
  }

  @Test
  void aConcernRecordedByLaimIsAnsweredByTheAgencysSeniorAndRecordedAlongsideTheStages() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    moveClockTo("2027-05-24T11:00:00+01:00");

    complete(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection), Map.of("concernAgency", "health", "concernSummary", "Records not shared"));
    assertThat(inspection).hasPassed("Event_ConcernRaised", "Task_TellSeniorAndDcs")
        .isWaitingAt("Task_RespondToConcern", "Task_RecordIssueOfConcern",
            "Activity_NotificationCascade", "Activity_AnnexA", "Activity_FieldworkMeetings");
    Task respond = BpmnAwareTests.task("Task_RespondToConcern", inspection);
    assertThat(respond).hasCandidateGroup("health-senior").hasDueDate(java.util.Date.from(instant("2027-05-24T15:00:00+01:00")));
    assertThat(outbox(reference, "issue-of-concern")).hasSize(1);

    moveClockTo("2027-05-24T13:00:00+01:00");
    complete(respond, Map.of("agencyResponse", "Records shared with children's social care at 12:45."));
    Task record = BpmnAwareTests.task("Task_RecordConcernResponse", inspection);
    assertThat(record).hasCandidateGroup("laim");
    moveClockTo("2027-05-24T13:30:00+01:00");
    complete(record, Map.of("responseRecordedOnTemplate", true, "responseGivenAt", "2027-05-24T13:15:00+01:00"));

    assertThat(inspection).hasPassedInOrder("Task_RespondToConcern", "Task_RecordConcernResponse", "Event_ConcernAnswered")
        .hasNotPassed("Task_EscalateConcern")
        .isWaitingAt("Task_RecordIssueOfConcern", "Activity_NotificationCascade", "Activity_AnnexA", "Activity_FieldworkMeetings");
    assertThat(management.createJobQuery().processInstanceId(inspection.getId()).activityId("Timer_ConcernResponseDue").count())
        .as("no concern timer left").isZero();
  }

  @Test
  void aConcernNotAnsweredWhenItsResponseIsDueIsEscalatedToTheDcsAndStaysOpen() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);
    moveClockTo("2027-05-24T11:00:00+01:00");
    complete(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection), Map.of("concernAgency", "police", "concernSummary", "Safety plan not followed"));

    assertThat(job("Timer_ConcernResponseDue", inspection)).hasDueDate(java.util.Date.from(instant("2027-05-24T15:00:00+01:00")));
    moveClockTo("2027-05-24T14:59:00+01:00");
    assertThat(fireDueTimers(reference)).as("not before it is due").isZero();
    moveClockTo("2027-05-24T15:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);

    assertThat(inspection).hasPassedInOrder("Timer_ConcernResponseDue", "Task_EscalateConcern", "Event_ConcernEscalated")
        .isWaitingAt("Task_RespondToConcern", "Task_RecordIssueOfConcern");
    assertThat(outbox(reference, "task-overdue")).singleElement()
        .satisfies(row -> assertThat(row.get("recipients")).isEqualTo("dcs@york.example"));
    assertThat(BpmnAwareTests.task("Task_RespondToConcern", inspection)).as("still the senior's to answer").hasCandidateGroup("police-senior");
  }

  @Test
  void concernsRecordedOneAfterAnotherRunSideBySide() {
    ProcessInstance inspection = start(newReference());
    moveClockTo("2027-05-24T11:00:00+01:00");
    complete(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection), Map.of("concernAgency", "police", "concernSummary", "First"));
    complete(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection), Map.of("concernAgency", "health", "concernSummary", "Second"));

    List<Task> responses = tasks.createTaskQuery().processInstanceId(inspection.getId())
        .taskDefinitionKey("Task_RespondToConcern").list();
    Map<String, Integer> groups = new HashMap<>();
    responses.forEach(open -> tasks.getIdentityLinksForTask(open.getId())
        .forEach(link -> groups.merge(link.getGroupId(), 1, Integer::sum)));
    assertThat(groups).containsOnly(Map.entry("police-senior", 1), Map.entry("health-senior", 1));
    assertThat(inspection).isWaitingAt("Task_RecordIssueOfConcern");
    assertThat(management.createJobQuery().processInstanceId(inspection.getId()).activityId("Timer_ConcernResponseDue").count())
        .as("a timer each").isEqualTo(2);
  }
}
