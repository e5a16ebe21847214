package uk.jtai.response.afterfieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/submit-action-plan.form: the partnership submits its action plan and reports it to governance. */
@Component
public class SubmitActionPlanForm implements TaskForm<SubmitActionPlanForm.Submitted> {

  public record Submitted(boolean actionPlanSubmitted, Instant actionPlanSubmittedAt, String actionPlanLocation,
                          boolean reportedToGovernance) {}

  private final Inspections inspections;

  public SubmitActionPlanForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "submit-action-plan";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::actionPlanSubmitted, "confirm the action plan was submitted"),
        inspections.happenedSinceNotification(submission, task, Submitted::actionPlanSubmittedAt),
        submission.text(Submitted::actionPlanLocation, 300),
        submission.requireTrue(Submitted::reportedToGovernance,
            "confirm the plan was reported to the partnership's governance and scrutiny"));
  }
}
