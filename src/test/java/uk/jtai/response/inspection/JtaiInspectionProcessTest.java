package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.tasks.SubmissionRejectedException;

/** bpmn/jtai-inspection.bpmn: recording the notification and days 1 to 2 in one piece. */
class JtaiInspectionProcessTest extends ProcessTestSupport {

  @org.springframework.beans.factory.annotation.Autowired uk.jtai.response.partnership.ThemeRegistry themes;

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Test
  void recordingTheNotificationStoresTheScheduleAndStartsTheWeek1Stages() {
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "domestic-abuse", NOTIFIED);

    assertThat(inspection).isStarted().hasBusinessKey(reference).isWaitingAt(
        "Activity_NotificationCascade", "Activity_AnnexA", "Activity_FieldworkMeetings");
    assertThat(calledProcess(reference, "child-selection")).as("after Annex A").isNull();
    assertThat(runtime.getVariable(inspection.getId(), "themeName")).isEqualTo("Children who are victims of domestic abuse");
    assertThat(runtime.getVariable(inspection.getId(), "notifiedAt")).isEqualTo(NOTIFIED);
    assertThat(jdbc.queryForObject("select count(*) from jtai_milestone where reference = ?", Integer.class, reference))
        .as("the theme's milestones; relative ones are added as their step starts")
        .isEqualTo(themes.theme("domestic-abuse").milestones().size());
    assertThat(jdbc.queryForObject("select process_instance_id from jtai_inspection where reference = ?", String.class, reference))
        .isEqualTo(inspection.getId());
    for (String stage : List.of("notification-cascade", "annex-a", "fieldwork-meetings")) {
      assertThat(calledProcess(reference, stage)).as(stage).isNotNull();
    }
  }

  @Test
  void aBadNotificationIsRefusedWithEveryReasonAndStoresNothing() {
    String reference = newReference();
    assertThatThrownBy(() -> startInspection(reference, "knife-crime", "2027-05-31T09:00:00+01:00"))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("theme: unknown theme 'knife-crime'; known themes: child-sexual-abuse, criminal-exploitation, domestic-abuse, front-door, neglect, serious-youth-violence")
        .hasMessageContaining("notifiedAt: 2027-05-31 is not a working day (Spring bank holiday (bank holiday))");
    assertThat(jdbc.queryForObject("select count(*) from jtai_inspection where reference = ?", Integer.class, reference)).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
  }

  @Test
  void aCallAfterTheFirstDayOneDeadlineIsAcceptedAndThatDeadlineRunsFromTheCall() {
    // The lead inspector rang at 12:05; partners are to be told by 12:00 on day 1, three working hours
    // from the start of the day: the Business Unit has until 15:05, and day 1 is still the day of the call.
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "domestic-abuse", "2027-05-24T12:05:00+01:00");

    assertThat(inspection).isStarted().isWaitingAt("Activity_NotificationCascade", "Activity_AnnexA", "Activity_FieldworkMeetings");
    assertThat(task(reference, "Task_NotifyPartners").getDueDate().toInstant())
        .isEqualTo(instant("2027-05-24T15:05:00+01:00"));
    assertThat(jdbc.queryForObject("select due from jtai_milestone where reference = ? and name = 'PARTNERS_NOTIFIED_DUE'",
        java.sql.Timestamp.class, reference).toInstant()).isEqualTo(instant("2027-05-24T15:05:00+01:00"));
    assertThat(task(reference, "Task_SubmitAnnexA").getDueDate().toInstant())
        .as("the later deadlines keep the theme's times").isEqualTo(instant("2027-05-25T17:00:00+01:00"));
    moveClockTo("2027-05-24T12:30:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    assertThat(outbox(reference, "task-overdue")).as("told in time after a late call: no miss").isEmpty();
  }

  @Test
  void aReferenceCannotBeUsedTwice() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    assertThatThrownBy(() -> startInspection(reference, "serious-youth-violence", NOTIFIED))
        .hasMessageContaining("reference: an inspection with reference " + reference + " already exists");
  }

  @Test
  void week2BeginsOnceTheChildrenAreSelectedForAudit() {
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "serious-youth-violence", NOTIFIED);

    moveClockTo("2027-05-24T11:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    for (Task confirm : openTasks(reference, "Task_ConfirmLeadContact")) {
      complete(confirm, Map.of("confirmedContact", "lead", "contactName", "Lead", "briefed", true));
    }
    complete(task(reference, "Task_ConfirmScrutineerNotified"), Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "e-mail", "scrutineerNotifiedAt", "2027-05-24T09:45:00+01:00"));
    complete(task(reference, "Task_RecordSetUpDiscussion"), Map.of("setUpDiscussionAt", "2027-05-24T10:30:00+01:00",
        "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true));
    Task annexA = task(reference, "Task_SubmitAnnexA");
    complete(annexA, Map.of("annexALists", SpinValues.jsonValue("["
        + "{\"id\":\"referrals\",\"uploaded\":true,\"portalReference\":\"Portal/1\"},"
        + "{\"id\":\"section-47\",\"uploaded\":true,\"portalReference\":\"Portal/2\"},"
        + "{\"id\":\"not-in-education\",\"uploaded\":true,\"portalReference\":\"Portal/3\"},"
        + "{\"id\":\"multi-agency-audits\",\"uploaded\":true,\"portalReference\":\"Portal/4\"}]").create()));
    runChildSelection(reference, uk.jtai.response.support.ChildData.references(30, 25), 5);
    assertThat(openTasks(reference, "Task_GiveFieldworkMeetings")).hasSize(6);
    for (Task meetings : openTasks(reference, "Task_GiveFieldworkMeetings")) {
      complete(meetings, Map.of("noMeetings", true, "sentToLeadInspector", true));
    }

    assertThat(inspection).isWaitingAt("Activity_CaseAudit", "Activity_AuditDayAndReport", "Activity_Fieldwork")
        .hasPassed("Activity_NotificationCascade", "Activity_AnnexA", "Activity_ChildSelection", "Activity_FieldworkMeetings");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).finished().count())
        .as("the week 1 stages have ended").isEqualTo(4);
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }
}
