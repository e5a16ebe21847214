package uk.jtai.response.notify;

import java.util.Comparator;
import java.util.Objects;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.ActingContacts;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.RoleContacts;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.TaskNaming;

/**
 * A missed deadline, as bean {@code escalate}: e-mails the roles the model names that a task is still
 * open, with a link to it. The model says, next to the timer, which task, which milestone and whom to
 * tell (input parameters {@code overdueTask}, {@code milestone}, {@code notify}); the task stays open.
 * Outside an inspection (the readiness processes have no schedule) the model leaves {@code milestone}
 * out and the deadline is the overdue task's own due date. An agency's missed deadline also reaches the
 * deputy the agency named for this inspection on day 1 (partnership/ActingContacts), if it named one.
 */
@Component("escalate")
public class Escalation implements JavaDelegate {

  /**
   * Set (true) on the scope of a task opened again by a correction after its deadline had passed (amendment/
   * SelectionAmendments): its due timer fires at once, and the miss is not the agency's, so nothing is escalated.
   */
  public static final String NOT_ESCALATED = "notEscalated";

  private final Outbox outbox;
  private final RoleContacts roles;
  private final Partnership partnership;
  private final Schedule schedule;
  private final WorkingCalendar calendar;
  private final TaskLinks links;
  private final TaskService tasks;
  private final MissedDeadlines missedDeadlines;
  private final ActingContacts acting;

  public Escalation(Outbox outbox, RoleContacts roles, Partnership partnership, Schedule schedule,
                    WorkingCalendar calendar, TaskLinks links, @Lazy TaskService tasks, MissedDeadlines missedDeadlines,
                    ActingContacts acting) {
    this.outbox = outbox;
    this.roles = roles;
    this.partnership = partnership;
    this.schedule = schedule;
    this.calendar = calendar;
    this.links = links;
    this.tasks = tasks;
    this.missedDeadlines = missedDeadlines;
    this.acting = acting;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable(NOT_ESCALATED))) {
      return; // a share asked again by a correction after its deadline: the miss is not the agency's
    }
    String overdueTask = (String) execution.getVariableLocal("overdueTask");
    String milestone = (String) execution.getVariableLocal("milestone");
    String notify = (String) execution.getVariableLocal("notify");
    Objects.requireNonNull(overdueTask, "input parameter overdueTask");
    Objects.requireNonNull(notify, "input parameter notify");

    String reference = Standing.REFERENCE.get(execution);
    Agency agency = Standing.AGENCY.find(execution).map(partnership::agency).orElse(null);
    Task task = openTask(execution, overdueTask, agency);
    if (task == null) {
      return; // completed in the same instant the timer fired: nothing is overdue
    }
    if (milestone == null && task.getDueDate() == null) {
      throw new IllegalStateException("escalation of " + overdueTask + " needs input parameter milestone or a task due date");
    }
    Mail mail = Mail.about(reference, "task-overdue")
        .to(roles.named(notify, agency))
        .task(TaskNaming.step(task.getName()), links.task(task.getId()))
        .due(milestone != null ? schedule.dueInstant(reference, milestone) : task.getDueDate().toInstant(), calendar.zone(),
            milestone != null ? milestoneTitle(reference, milestone) : TaskNaming.step(task.getName()))
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("overdue:" + execution.getActivityInstanceId());
    if (agency != null) {
      mail.agency(agency.shortName());
      acting.of(reference, agency.id()).filter(a -> ActingContacts.DEPUTY.equals(a.actingAs()))
          .ifPresent(deputy -> mail.to(deputy.contact()));
    }
    outbox.enqueue(mail);
    // Cockpit shows it on the inspection (docs/email-and-reminders.md, "Managers' view").
    // A deadline of its own (no milestone, e.g. an issue of concern's response) is named by its task.
    missedDeadlines.record(reference, milestone == null ? TaskNaming.step(task.getName())
        : MissedDeadlines.describe(milestone, milestoneTitle(reference, milestone), agency == null ? null : agency.shortName()));
  }

  private String milestoneTitle(String reference, String milestone) {
    return schedule.milestoneTitle(reference, milestone);
  }

  /** The still-open task the timer watched: same process instance, same activity, same agency. */
  private Task openTask(DelegateExecution execution, String activityId, Agency agency) {
    return Context.getCommandContext().runWithoutAuthorization(() ->
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(activityId).list()
            .stream()
            .filter(t -> agency == null || agency.id().equals(tasks.getVariable(t.getId(), Standing.AGENCY.name())))
            .min(Comparator.comparing(Task::getCreateTime))
            .orElse(null));
  }
}
