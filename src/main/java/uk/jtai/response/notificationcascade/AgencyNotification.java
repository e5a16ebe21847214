package uk.jtai.response.notificationcascade;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.TaskNaming;

/**
 * The Business Unit's notification to one agency ({@code ${agencyNotification}}, create listener of the
 * agency's confirmation task): its lead contact and deputy are e-mailed a link to the task.
 */
@Component("agencyNotification")
public class AgencyNotification implements TaskListener {

  private final Outbox outbox;
  private final Partnership partnership;
  private final Schedule schedule;
  private final WorkingCalendar calendar;
  private final TaskLinks links;

  public AgencyNotification(Outbox outbox, Partnership partnership, Schedule schedule, WorkingCalendar calendar,
                            TaskLinks links) {
    this.outbox = outbox;
    this.partnership = partnership;
    this.schedule = schedule;
    this.calendar = calendar;
    this.links = links;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = Standing.REFERENCE.get(task);
    Agency agency = partnership.agency(Standing.AGENCY.get(task));
    outbox.enqueue(Mail.about(reference, "agency-notification")
        .to(agency.lead())
        .to(agency.deputy())
        .agency(agency.shortName())
        .theme(Standing.THEME_NAME.get(task).toLowerCase(java.util.Locale.UK))
        .task(TaskNaming.step(task.getName()), links.task(task.getId()))
        .due(task.getDueDate().toInstant(), calendar.zone(), schedule.milestoneTitle(reference, CascadeMilestones.AGENCIES_CONFIRMED))
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("agency-notification:" + task.getId()));
  }
}
