package uk.jtai.response.afterfieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/record-draft-report.form: the DCS records the draft report's arrival (Friday of week 6). */
@Component
public class RecordDraftReportForm implements TaskForm<RecordDraftReportForm.Submitted> {

  public record Submitted(Instant draftArrivedAt, String draftReportLocation) {}

  private final AfterFieldwork afterFieldwork;
  private final Inspections inspections;

  public RecordDraftReportForm(AfterFieldwork afterFieldwork, Inspections inspections) {
    this.afterFieldwork = afterFieldwork;
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-draft-report";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(inspections.happenedSinceNotification(submission, task, Submitted::draftArrivedAt),
        submission.text(Submitted::draftReportLocation, 300));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    afterFieldwork.draftArrived(task, submitted.draftArrivedAt());
  }
}
