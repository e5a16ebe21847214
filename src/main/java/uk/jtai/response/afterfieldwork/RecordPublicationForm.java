package uk.jtai.response.afterfieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/record-publication.form: the report is published; did the inspectors name a priority action? */
@Component
public class RecordPublicationForm implements TaskForm<RecordPublicationForm.Submitted> {

  public record Submitted(Instant publishedAt, String reportUrl, boolean priorityAction) {}

  private final AfterFieldwork afterFieldwork;
  private final Inspections inspections;

  public RecordPublicationForm(AfterFieldwork afterFieldwork, Inspections inspections) {
    this.afterFieldwork = afterFieldwork;
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-publication";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    Instant published = inspections.happenedSinceNotification(submission, task, Submitted::publishedAt);
    String url = submission.text(Submitted::reportUrl, 500);
    if (url != null && !url.matches("https://\\S+")) {
      submission.reject(Submitted::reportUrl, "must be the published report's https:// address");
    }
    return new Submitted(published, url, submission.flag(Submitted::priorityAction));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    afterFieldwork.published(task, submitted.publishedAt(), submitted.priorityAction());
  }
}
