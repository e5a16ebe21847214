package uk.jtai.response.notify;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.TaskNaming;

/**
 * Bean {@code agencyTaskNotice}, a create listener for a task done by an agency: e-mails the agency's
 * lead contact and deputy that the task is waiting, by when, with a link to it. Used where the time is
 * short (the known-to-agency return within about two working hours).
 */
@Component("agencyTaskNotice")
public class AgencyTaskNotice implements TaskListener {

  private final Outbox outbox;
  private final Partnership partnership;
  private final WorkingCalendar calendar;
  private final TaskLinks links;

  public AgencyTaskNotice(Outbox outbox, Partnership partnership, WorkingCalendar calendar, TaskLinks links) {
    this.outbox = outbox;
    this.partnership = partnership;
    this.calendar = calendar;
    this.links = links;
  }

  @Override
  public void notify(DelegateTask task) {
    Agency agency = partnership.agency(Standing.AGENCY.get(task));
    outbox.enqueue(Mail.about(Standing.REFERENCE.get(task), "agency-task")
        .to(agency.lead()).to(agency.deputy())
        .agency(agency.shortName())
        .task(TaskNaming.step(task.getName()), links.task(task.getId()))
        .due(task.getDueDate().toInstant(), calendar.zone(), TaskNaming.step(task.getName()))
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("agency-task:" + task.getId()));
  }
}
