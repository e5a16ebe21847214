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
public class ReviewContactsForm implements TaskForm {

  private final PartnershipContacts contacts;

  public ReviewContactsForm(PartnershipContacts contacts) {
    this.contacts = contacts;
  }

  @Override
  public String formId() {
    return "review-contacts";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    String missing = contacts.missing(task);
    if (!missing.isEmpty() && !submission.flag(ContactsVariables.PROCEED_WITHOUT_ALL)) {
      submission.reject(ContactsVariables.PROCEED_WITHOUT_ALL, "not every agency has answered (" + missing
          + "): wait for them, or tick to finish without them");
    }
    if (contacts.changesAsked(task)) {
      submission.requireTrue(ContactsVariables.PARTNERSHIP_UPDATED,
          "agencies asked for changes: confirm the partnership file has been updated with them");
    }
  }
}
