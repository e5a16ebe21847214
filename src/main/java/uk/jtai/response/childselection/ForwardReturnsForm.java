package uk.jtai.response.childselection;

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
public class ForwardReturnsForm implements TaskForm {

  private final Inspections inspections;

  public ForwardReturnsForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "forward-known-to-agency";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.requireTrue("returnsSentToInspectors", "confirm the returns were sent to the inspectors");
    inspections.happenedSinceNotification(submission, task, "returnsSentAt");
  }
}
