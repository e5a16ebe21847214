package uk.jtai.response.reminders;

import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import uk.jtai.response.calendar.Schedule;

/**
 * What a user task's model says about its deadline. The one place of the rule "the model escalates this
 * task itself": a timer boundary event attached to the task, or to a subprocess the task is in (the
 * models' convention: a timer at the milestone, followed by an escalation step). Such a task gets reminders but no
 * second escalation at the deadline.
 */
public final class DeadlineModel {

  private DeadlineModel() {}

  /**
   * True when a timer boundary event is attached to the task or to a subprocess around it (the audits of a
   * child, due together at AUDITS_DUE; the audit report's approvals at AUDIT_REPORT_DUE), so the model
   * escalates it at its deadline.
   */
  public static boolean escalatedByModel(UserTask task) {
    for (ModelElementInstance scope = task; scope instanceof Activity; scope = scope.getParentElement()) {
      if (hasTimerBoundary((Activity) scope)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasTimerBoundary(Activity activity) {
    return activity.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .filter(boundary -> boundary.getAttachedTo() != null && boundary.getAttachedTo().getId().equals(activity.getId()))
        .anyMatch(boundary -> boundary.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance));
  }

  /** The milestone the task's due date is, e.g. ANNEX_A_DUE; empty when it is none. */
  public static Optional<String> milestoneOf(UserTask task) {
    return Schedule.milestoneIn(task.getCamundaDueDate());
  }
}
