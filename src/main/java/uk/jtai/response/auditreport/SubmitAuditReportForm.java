package uk.jtai.response.auditreport;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/submit-audit-report.form: the LA Inspection Manager submits the approved audit report to the
 * inspectors by 17:00 on day 9 (guidance 9.15).
 */
@Component
public class SubmitAuditReportForm implements TaskForm<SubmitAuditReportForm.Submitted> {

  public record Submitted(boolean reportSubmitted, Instant reportSubmittedAt) {}

  private final Inspections inspections;

  public SubmitAuditReportForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "submit-audit-report";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::reportSubmitted, "confirm the approved report was submitted to the inspectors"),
        inspections.happenedSinceNotification(submission, task, Submitted::reportSubmittedAt));
  }
}
