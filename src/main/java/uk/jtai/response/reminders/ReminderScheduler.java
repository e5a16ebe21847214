package uk.jtai.response.reminders;

import java.time.Instant;
import java.util.Objects;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.TaskCreated;
import uk.jtai.response.tasks.TaskUpdated;

/**
 * Plans every user task's reminders and deadline escalation when it is created, in the creating step's
 * transaction, and plans them again when its due date changes (a moved milestone updates its open tasks'
 * due dates): the reminders follow the task's due date, never a copy of it. When the task ends (completed,
 * or deleted with its scope) nothing is done here: its reminders are withdrawn as they fall due, many in one
 * statement ({@link ReminderRepository}), not one statement for every task that ends.
 */
@Component
@Order(10)
public class ReminderScheduler implements TaskCreated, TaskUpdated {

  private final ReminderPlan plan;
  private final ReminderRepository repository;
  private final RepositoryService models;
  private final TaskService tasks;

  public ReminderScheduler(ReminderPlan plan, ReminderRepository repository, @Lazy RepositoryService models,
                           @Lazy TaskService tasks) {
    this.plan = plan;
    this.repository = repository;
    this.models = models;
    this.tasks = tasks;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (reference == null) {
      return; // not a task of an inspection
    }
    Instant now = EngineTime.now();
    Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
    if (TaskListener.EVENTNAME_UPDATE.equals(task.getEventName())) {
      if (Objects.equals(repository.plannedDue(task.getId()).orElse(null), due)) {
        return; // another property changed (e.g. the assignee): the plan stands
      }
      repository.cancelPending(task.getId(), now, "due date changed");
    }
    UserTask model = task.getBpmnModelElementInstance();
    if (due != null && model != null) {
      schedule(new TaskDeadline(reference, task.getId(), DeadlineModel.milestoneOf(model).orElse(null), due,
          DeadlineModel.escalatedByModel(model), agencyOf(task.getVariable(Standing.AGENCY.name()))), now);
    }
  }

  /** Plans an open task again from its current due date, when its stored plan turns out stale. */
  public void replan(Task task, String reference) {
    Instant now = EngineTime.now();
    repository.cancelPending(task.getId(), now, "due date changed");
    if (task.getDueDate() != null) {
      UserTask model = models.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
      schedule(new TaskDeadline(reference, task.getId(), DeadlineModel.milestoneOf(model).orElse(null),
          task.getDueDate().toInstant(), DeadlineModel.escalatedByModel(model),
          agencyOf(tasks.getVariable(task.getId(), Standing.AGENCY.name()))), now);
    }
  }

  private static String agencyOf(Object variable) {
    return variable instanceof String agency ? agency : null;
  }

  private void schedule(TaskDeadline deadline, Instant now) {
    repository.insert(deadline, plan.plan(deadline, now), now);
  }
}
