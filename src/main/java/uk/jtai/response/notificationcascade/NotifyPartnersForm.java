package uk.jtai.response.notificationcascade;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/notify-partners.form: the Business Unit sends the notification to every agency of the theme
 * (guidance 11: "the CYSCP Business Unit will be responsible for notifying all multi-agency partners").
 * Completing it e-mails each agency's lead contact and deputy.
 */
@Component
public class NotifyPartnersForm implements TaskForm<NotifyPartnersForm.Submitted> {

  public record Submitted(boolean contactsCurrent) {}

  @Override
  public String formId() {
    return "notify-partners";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.requireTrue(Submitted::contactsCurrent,
        "confirm that each agency's lead contact and deputies are current before the notification goes out"));
  }
}
