package uk.jtai.response.contacts;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/confirm-contacts.form: an agency confirms that the lead contact and deputies the partnership
 * holds are current, or says what to change, and that they are briefed on their role once a JTAI is
 * notified (guidance 18.5).
 */
@Component
public class ConfirmContactsForm implements TaskForm {

  private final ContactsRepository repository;
  private final CurrentUser user;

  public ConfirmContactsForm(ContactsRepository repository, CurrentUser user) {
    this.repository = repository;
    this.user = user;
  }

  @Override
  public String formId() {
    return "confirm-contacts";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    String answer = submission.choice(ContactsVariables.CONTACTS_CURRENT, List.of(ContactsVariables.CURRENT, ContactsVariables.CHANGES));
    if (ContactsVariables.CHANGES.equals(answer)) {
      submission.text(ContactsVariables.CONTACT_CHANGES, 2000);
    }
    submission.requireTrue(ContactsVariables.BRIEFED,
        "confirm that the lead contact and deputies are briefed on their role once a JTAI is notified");
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    boolean current = ContactsVariables.CURRENT.equals(submission.value(ContactsVariables.CONTACTS_CURRENT));
    String changes = current ? null : submission.text(ContactsVariables.CONTACT_CHANGES, 2000);
    repository.record(Standing.REFERENCE.get(task), new ContactsRepository.Answer(Standing.AGENCY.get(task),
        current, changes, true, user.id(), EngineTime.now()));
  }
}
