package uk.jtai.response.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * Which tasks the models escalate themselves, read from the shipped models: a task with such a timer gets
 * reminders but no second "deadline missed" e-mail from the reminders.
 */
class DeadlineModelTest {

  private static UserTask task(String model, String id) {
    BpmnModelInstance instance = Bpmn.readModelFromFile(new File("bpmn/" + model));
    return instance.getModelElementById(id);
  }

  @Test
  void aTimerOnTheTaskItselfMeansTheModelEscalates() {
    assertThat(DeadlineModel.escalatedByModel(task("annex-a.bpmn", "Task_SubmitAnnexA"))).isTrue();
    assertThat(DeadlineModel.milestoneOf(task("annex-a.bpmn", "Task_SubmitAnnexA"))).contains("ANNEX_A_DUE");
  }

  @Test
  void aTimerOnTheSubprocessAroundTheTaskMeansTheModelEscalates() {
    assertThat(DeadlineModel.escalatedByModel(task("case-audit.bpmn", "Task_CompleteAuditTool")))
        .as("the audits of a child are escalated together at AUDITS_DUE").isTrue();
    assertThat(DeadlineModel.escalatedByModel(task("case-audit.bpmn", "Task_SignOffAudit"))).isTrue();
    assertThat(DeadlineModel.escalatedByModel(task("audit-day-and-report.bpmn", "Task_ApproveAuditReport")))
        .as("the warning at 12:00 and the miss at 17:00 on day 9").isTrue();
    assertThat(DeadlineModel.escalatedByModel(task("audit-day-and-report.bpmn", "Task_SubmitAuditReport"))).isTrue();
  }

  @Test
  void aTaskWithoutATimerIsEscalatedByTheReminders() {
    assertThat(DeadlineModel.escalatedByModel(task("notification-cascade.bpmn", "Task_RecordSetUpDiscussion"))).isFalse();
    assertThat(DeadlineModel.escalatedByModel(task("fieldwork.bpmn", "Task_RecordLeadersMeeting"))).isFalse();
    assertThat(DeadlineModel.milestoneOf(task("fieldwork.bpmn", "Task_RecordLeadersMeeting"))).contains("LEADERS_MEETING_DUE");
  }
}
