package uk.jtai.response.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.RoleContacts;
import uk.jtai.response.process.Standing;

/**
 * Bean {@code readinessTaskNotice}, a create listener for the tasks of the processes run between
 * inspections: e-mails whoever the task is for (an agency's lead contact and deputy, its senior
 * approver, or the Business Unit, from the task's candidate groups) that it is waiting, by when, with a
 * link to it. Months can pass between such tasks, so nobody is expected to be watching Tasklist.
 */
@Component("readinessTaskNotice")
public class ReadinessTaskNotice implements TaskListener {

  private final Outbox outbox;
  private final Partnership partnership;
  private final RoleContacts roles;
  private final WorkingCalendar calendar;
  private final TaskLinks links;

  public ReadinessTaskNotice(Outbox outbox, Partnership partnership, RoleContacts roles, WorkingCalendar calendar,
                             TaskLinks links) {
    this.outbox = outbox;
    this.partnership = partnership;
    this.roles = roles;
    this.calendar = calendar;
    this.links = links;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Contact> to = recipients(task);
    if (to.isEmpty()) {
      throw new IllegalStateException("task " + task.getTaskDefinitionKey() + " has no candidate group with a contact");
    }
    Mail mail = Mail.about(Standing.REFERENCE.get(task), "between-inspections-task")
        .to(to)
        .task(task.getName(), links.task(task.getId()))
        .due(task.getDueDate().toInstant(), calendar.zone(), task.getName())
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("between-inspections-task:" + task.getId());
    Standing.THEME_NAME.find(task).ifPresent(name -> mail.theme(name.toLowerCase(Locale.UK)));
    Standing.AGENCY.find(task).flatMap(partnership::find).ifPresent(agency -> mail.agency(agency.shortName()));
    outbox.enqueue(mail);
  }

  private List<Contact> recipients(DelegateTask task) {
    List<Contact> contacts = new ArrayList<>();
    for (IdentityLink candidate : task.getCandidates()) {
      if (candidate.getGroupId() != null) {
        contacts.addAll(roles.mailboxes(candidate.getGroupId()));
      }
    }
    return contacts;
  }
}
