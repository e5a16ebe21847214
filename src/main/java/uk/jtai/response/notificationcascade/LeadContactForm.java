package uk.jtai.response.notificationcascade;

import jakarta.validation.Validator;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.partnership.ActingContacts;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/confirm-lead-contact.form: an agency confirms its lead contact (or a deputy) is available and
 * briefed (guidance 18.5). A deputy is named with the e-mail address that reaches them during this
 * inspection: the daily digest and the escalations of the agency's missed deadlines go to them as well
 * (partnership/ActingContacts). The answer is also kept on the cascade as {@code leadContact_<agency>}.
 */
@Component
public class LeadContactForm implements TaskForm<LeadContactForm.Submitted> {

  static final String LEAD = ActingContacts.LEAD;
  static final String DEPUTY = ActingContacts.DEPUTY;

  /** {@code contactEmail} is asked only for a deputy: the lead contact's mailbox is in the partnership file. */
  public record Submitted(String confirmedContact, String contactName, String contactEmail, boolean briefed) {}

  private final Validator validator;
  private final ActingContacts acting;
  private final Partnership partnership;
  private final CurrentUser currentUser;

  public LeadContactForm(Validator validator, ActingContacts acting, Partnership partnership, CurrentUser currentUser) {
    this.validator = validator;
    this.acting = acting;
    this.partnership = partnership;
    this.currentUser = currentUser;
  }

  @Override
  public String formId() {
    return "confirm-lead-contact";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String who = submission.choice(Submitted::confirmedContact, List.of(LEAD, DEPUTY));
    String name = submission.text(Submitted::contactName, 120);
    String email = submission.optionalText(Submitted::contactEmail, 254).orElse(null);
    if (DEPUTY.equals(who)) {
      if (email == null && !submission.rejected(Submitted::contactEmail)) {
        submission.reject(Submitted::contactEmail, "is required for a deputy: the digest and escalations reach them there");
      } else if (email != null && !validator.validateValue(Contact.class, "email", email).isEmpty()) {
        submission.reject(Submitted::contactEmail, "must be an e-mail address, like name@agency.gov.uk");
      }
    } else {
      email = null; // the lead contact's mailbox is the partnership file's; a stray address is not kept
    }
    return new Submitted(who, name, email,
        submission.requireTrue(Submitted::briefed, "confirm that the contact is available and briefed on their role"));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    String agency = Standing.AGENCY.get(task);
    boolean deputy = DEPUTY.equals(submitted.confirmedContact());
    String who = deputy ? "deputy" : "lead contact";
    task.getExecution().getProcessInstance().setVariable("leadContact_" + agency, submitted.contactName() + " (" + who + ")");
    Contact contact = deputy ? new Contact(submitted.contactName(), submitted.contactEmail())
        : new Contact(submitted.contactName(), partnership.agency(agency).lead().email());
    acting.record(Standing.REFERENCE.get(task), agency, submitted.confirmedContact(), contact, currentUser.id(), EngineTime.now());
  }
}
