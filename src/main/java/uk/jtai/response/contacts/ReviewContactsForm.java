package uk.jtai.response.contacts;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/review-contacts.form: the Business Unit has seen every agency's answer and made the changes
 * asked for in the partnership file (the contacts are configuration, so e-mails reach the right people).
 */
@Component
public class ReviewContactsForm implements TaskForm<ReviewContactsForm.Submitted> {

  public record Submitted(boolean partnershipUpdated, boolean proceedWithoutAll) {}

  private final PartnershipContacts contacts;

  public ReviewContactsForm(PartnershipContacts contacts) {
    this.contacts = contacts;
  }

  @Override
  public String formId() {
    return "review-contacts";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String missing = contacts.missing(task);
    boolean proceed = submission.flag(Submitted::proceedWithoutAll);
    if (!missing.isEmpty() && !proceed) {
      submission.reject(Submitted::proceedWithoutAll, "not every agency has answered (" + missing
          + "): wait for them, or tick to finish without them");
    }
    boolean updated = contacts.changesAsked(task)
        ? submission.requireTrue(Submitted::partnershipUpdated,
            "agencies asked for changes: confirm the partnership file has been updated with them")
        : submission.flag(Submitted::partnershipUpdated);
    return new Submitted(updated, proceed);
  }
}
