package uk.jtai.response.concerns;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-concern-response.form: LAIM records the response given to the inspectors on the template
 * the lead inspector provided (guidance section 14). (The concern and the agency's response are shown as
 * views, never submitted.)
 */
@Component
public class ConcernResponseGivenForm implements TaskForm<ConcernResponseGivenForm.Submitted> {

  public record Submitted(boolean responseRecordedOnTemplate, Instant responseGivenAt) {}

  private final IssuesOfConcern concerns;
  private final Inspections inspections;

  public ConcernResponseGivenForm(IssuesOfConcern concerns, Inspections inspections) {
    this.concerns = concerns;
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-concern-response";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::responseRecordedOnTemplate,
            "confirm the response was recorded on the inspectors' issues of concern template"),
        inspections.happenedSinceNotification(submission, task, Submitted::responseGivenAt));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    concerns.recordGivenToInspectors(task, submitted.responseGivenAt());
  }
}
