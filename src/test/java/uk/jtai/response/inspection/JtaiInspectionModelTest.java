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
 * ends it, so each path of the parent (stage order, the two joins, the terminating end, the issue-of-concern
 * event subprocess and its timer, what passes into and out of each call activity) is asserted without
 * driving any real stage.
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

  static final List<String> STAGES = List.of("notification-cascade", "annex-a", "fieldwork-meetings", "child-selection",
      "case-audit", "audit-day-and-report", "fieldwork", "after-fieldwork");
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

  @Test
  void day1StartsTheWeek1StagesAndTheConcernDeskWithTheInspectionsStandingPassedIn() {
    String reference = newReference();
    ProcessInstance inspection = start(reference);

    assertThat(inspection).isStarted().hasBusinessKey(reference)
        .hasPassedInOrder("Event_NotificationReceived", "Event_InspectionStarted", "Gateway_Week1Split")
        .isWaitingAt("Activity_NotificationCascade", "Activity_AnnexA", "Activity_FieldworkMeetings", "Task_RecordIssueOfConcern")
        .hasNotPassed("Activity_ChildSelection", "Gateway_Week2Split")
        .variables().containsEntry("reference", reference).containsEntry("theme", "domestic-abuse")
        .containsEntry("themeName", "Children who are victims of domestic abuse").containsEntry("notifiedAt", NOTIFIED);
    assertThat(jdbc.queryForObject("select process_instance_id from jtai_inspection where reference = ?", String.class, reference))
        .as("the start listener registered the inspection and its schedule").isEqualTo(inspection.getId());
    assertThat(jdbc.queryForObject("select count(*) from jtai_milestone where reference = ?", Integer.class, reference)).isPositive();

    for (String stage : List.of("notification-cascade", "annex-a", "fieldwork-meetings")) {
      ProcessInstance called = calledProcessInstance(stage, inspection);
      assertThat(called).as(stage).isWaitingAt(STUB_WAITING).hasBusinessKey(reference);
      assertThat(runtime.getVariables(called.getId())).as(stage + " receives the standing, nothing else")
          .containsOnlyKeys("reference", "theme", "themeName", "notifiedAt")
          .containsEntry("reference", reference).containsEntry("themeName", "Children who are victims of domestic abuse")
          .containsEntry("notifiedAt", NOTIFIED);
    }
    assertThat(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection)).hasCandidateGroup("laim").isNotAssigned();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey("child-selection")
        .count()).as("not before Annex A").isZero();
  }

  @Test
  void theChildSelectionFollowsAnnexAAndHandsBackOnlyItsAuditCountThenWeek2Begins() {
    ProcessInstance inspection = start(newReference());

    finish(inspection, "annex-a", Map.of("annexAStubNote", "stays in the stage"));
    assertThat(inspection).hasPassed("Activity_AnnexA")
        .isWaitingAt("Activity_ChildSelection", "Activity_NotificationCascade", "Activity_FieldworkMeetings")
        .hasNotPassed("Gateway_Week2Split");
    assertThat(runtime.getVariables(calledProcessInstance("child-selection", inspection).getId()))
        .containsOnlyKeys("reference", "theme", "themeName", "notifiedAt");

    finish(inspection, "child-selection", Map.of("auditSelectionCount", 5, "selectionStubNote", "stays in the stage"));
    assertThat(inspection).hasPassedInOrder("Activity_AnnexA", "Activity_ChildSelection", "Gateway_Week2Split")
        .isWaitingAt("Activity_CaseAudit", "Activity_AuditDayAndReport", "Activity_Fieldwork",
            "Activity_NotificationCascade", "Activity_FieldworkMeetings", "Task_RecordIssueOfConcern")
        .variables().containsEntry("auditSelectionCount", 5)
        .doesNotContainKey("annexAStubNote").doesNotContainKey("selectionStubNote");
    for (String stage : List.of("case-audit", "audit-day-and-report", "fieldwork")) {
      assertThat(runtime.getVariables(calledProcessInstance(stage, inspection).getId())).as(stage)
          .containsOnlyKeys("reference", "theme", "themeName", "notifiedAt");
    }
  }

  @Test
  void afterFieldworkWaitsForWeek2AndEveryWeek1StageThenTheInspectionEndsClosingWhatIsOpen() {
    ProcessInstance inspection = start(newReference());
    finish(inspection, "notification-cascade");
    finish(inspection, "annex-a");
    finish(inspection, "child-selection", Map.of("auditSelectionCount", 3));

    finish(inspection, "fieldwork");
    finish(inspection, "case-audit");
    assertThat(inspection).as("week 2 joins all three").isWaitingAt("Activity_AuditDayAndReport")
        .hasNotPassed("Gateway_StagesJoin", "Activity_AfterFieldwork");
    finish(inspection, "audit-day-and-report");
    assertThat(inspection).as("the fieldwork-week meetings are still open")
        .hasPassed("Activity_CaseAudit", "Activity_AuditDayAndReport", "Activity_Fieldwork")
        .isWaitingAt("Activity_FieldworkMeetings", "Task_RecordIssueOfConcern")
        .hasNotPassed("Activity_AfterFieldwork");

    finish(inspection, "fieldwork-meetings");
    assertThat(inspection).hasPassed("Gateway_Week2Join", "Gateway_StagesJoin")
        .isWaitingAt("Activity_AfterFieldwork", "Task_RecordIssueOfConcern");
    assertThat(runtime.getVariables(calledProcessInstance("after-fieldwork", inspection).getId()))
        .containsOnlyKeys("reference", "theme", "themeName", "notifiedAt");

    // An issue of concern is still being answered when the inspection finishes.
    complete(BpmnAwareTests.task("Task_RecordIssueOfConcern", inspection), Map.of("concernAgency", "police", "concernSummary", "Late strategy discussion"));
    assertThat(inspection).isWaitingAt("Task_RespondToConcern");

    finish(inspection, "after-fieldwork");
    assertThat(inspection).hasPassed("Activity_AfterFieldwork", "Event_InspectionFinished", "Event_InspectionClosed")
        .hasNotPassed("Task_RecordConcernResponse", "Event_ConcernAnswered", "Event_ConcernEscalated").isEnded();
    assertThat(tasks.createTaskQuery().processInstanceId(inspection.getId()).count()).as("no task left open").isZero();
    assertThat(management.createJobQuery().processInstanceId(inspection.getId()).count())
        .as("the concern's timer went with it").isZero();
  }

  @Test
  void week2CanFinishBeforeTheWeek1StagesAndTheJoinStillWaitsForThem() {
    ProcessInstance inspection = start(newReference());
    finish(inspection, "annex-a");
    finish(inspection, "child-selection", Map.of("auditSelectionCount", 4));
    finish(inspection, "case-audit");
    finish(inspection, "audit-day-and-report");
    finish(inspection, "fieldwork");
    assertThat(inspection).hasPassed("Gateway_Week2Join")
        .isWaitingAt("Activity_NotificationCascade", "Activity_FieldworkMeetings", "Task_RecordIssueOfConcern")
        .hasNotPassed("Activity_AfterFieldwork");
    finish(inspection, "fieldwork-meetings");
    assertThat(inspection).isWaitingAt("Activity_NotificationCascade").hasNotPassed("Activity_AfterFieldwork");
    finish(inspection, "notification-cascade");
    assertThat(inspection).isWaitingAt("Activity_AfterFieldwork");
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
    assertThat(management.createJobQuery().processInstanceId(inspection.getId()).count()).as("no timer left").isZero();
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
    assertThat(management.createJobQuery().processInstanceId(inspection.getId()).count()).as("a timer each").isEqualTo(2);
  }
}
