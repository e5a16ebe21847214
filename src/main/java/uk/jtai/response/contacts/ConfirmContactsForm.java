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
public class ConfirmContactsForm implements TaskForm<ConfirmContactsForm.Submitted> {

  static final String CURRENT = "current";
  static final String CHANGES = "changes";

  /** @param contactChanges what to change (only when the contacts are not current) */
  public record Submitted(String contactsCurrent, String contactChanges, boolean briefed) {}

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
  public Submitted read(DelegateTask task, Submission submission) {
    String answer = submission.choice(Submitted::contactsCurrent, List.of(CURRENT, CHANGES));
    String changes = CHANGES.equals(answer) ? submission.text(Submitted::contactChanges, 2000) : null;
    boolean briefed = submission.requireTrue(Submitted::briefed,
        "confirm that the lead contact and deputies are briefed on their role once a JTAI is notified");
    return new Submitted(answer, changes, briefed);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    boolean current = CURRENT.equals(submitted.contactsCurrent());
    repository.record(Standing.REFERENCE.get(task), new ContactsRepository.Answer(Standing.AGENCY.get(task),
        current, current ? null : submitted.contactChanges(), true, user.id(), EngineTime.now()));
  }
}
