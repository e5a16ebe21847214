package uk.jtai.response.afterfieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/return-factual-accuracy.form: the DCS returns the coordinated comments within 9 working days. */
@Component
public class ReturnFactualAccuracyForm implements TaskForm<ReturnFactualAccuracyForm.Submitted> {

  public record Submitted(boolean factualAccuracyReturned, Instant factualAccuracyReturnedAt) {}

  private final Inspections inspections;

  public ReturnFactualAccuracyForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "return-factual-accuracy";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::factualAccuracyReturned,
            "confirm the coordinated comments were returned to the inspectors"),
        inspections.happenedSinceNotification(submission, task, Submitted::factualAccuracyReturnedAt));
  }
}
