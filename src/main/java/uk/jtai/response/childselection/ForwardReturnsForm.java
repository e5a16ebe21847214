package uk.jtai.response.childselection;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/forward-known-to-agency.form: LAIM forwards the agencies' returns to the inspectors so they
 * can select the children for audit (guidance 9.5).
 */
@Component
public class ForwardReturnsForm implements TaskForm<ForwardReturnsForm.Submitted> {

  public record Submitted(boolean returnsSentToInspectors, Instant returnsSentAt) {}

  private final Inspections inspections;

  public ForwardReturnsForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "forward-known-to-agency";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::returnsSentToInspectors, "confirm the returns were sent to the inspectors"),
        inspections.happenedSinceNotification(submission, task, Submitted::returnsSentAt));
  }
}
