package uk.jtai.response.notificationcascade;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/confirm-lead-contact.form: an agency confirms its lead contact (or a deputy) is available and
 * briefed (guidance 18.5). The answer is kept on the cascade as {@code leadContact_<agency>}.
 */
@Component
public class LeadContactForm implements TaskForm<LeadContactForm.Submitted> {

  static final String LEAD = "lead";
  static final String DEPUTY = "deputy";

  public record Submitted(String confirmedContact, String contactName, boolean briefed) {}

  @Override
  public String formId() {
    return "confirm-lead-contact";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.choice(Submitted::confirmedContact, List.of(LEAD, DEPUTY)),
        submission.text(Submitted::contactName, 120),
        submission.requireTrue(Submitted::briefed, "confirm that the contact is available and briefed on their role"));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    String agency = Standing.AGENCY.get(task);
    String who = DEPUTY.equals(submitted.confirmedContact()) ? "deputy" : "lead contact";
    task.getExecution().getProcessInstance().setVariable("leadContact_" + agency, submitted.contactName() + " (" + who + ")");
  }
}
