package uk.jtai.response.reminders;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.ModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import uk.jtai.response.calendar.Schedule;

/**
 * What a user task's model says about its deadline. The one place of the rule "the model escalates this
 * task itself": a timer boundary event attached to the task, or to a subprocess the task is in (the
 * models' convention: a timer at the milestone, followed by an escalation step). Such a task gets reminders but no
 * second escalation at the deadline.
 */
public final class DeadlineModel {

  /**
   * Per model, the ids of the activities a timer boundary event is attached to. A deployed model does not change, and
   * finding them meant walking every boundary event of the model for each scope around each new task (issue 19).
   */
  private static final Map<ModelInstance, Set<String>> TIMED = Collections.synchronizedMap(new WeakHashMap<>());

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
    return TIMED.computeIfAbsent(activity.getModelInstance(), DeadlineModel::timed).contains(activity.getId());
  }

  private static Set<String> timed(ModelInstance model) {
    return model.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(boundary -> boundary.getAttachedTo() != null)
        .filter(boundary -> boundary.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance))
        .map(boundary -> boundary.getAttachedTo().getId())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The milestone the task's due date is, e.g. ANNEX_A_DUE; empty when it is none. */
  public static Optional<String> milestoneOf(UserTask task) {
    return Schedule.milestoneIn(task.getCamundaDueDate());
  }
}
