package uk.jtai.response.auditreport;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/submit-audit-report.form: the LA Inspection Manager submits the audit report to the inspectors by
 * 17:00 on day 9 (guidance 9.15), approved by every statutory partner or, at the deadline, with the missing
 * approvals named; what was submitted and which approvals were missing are kept in jtai_report_submission.
 */
@Component
public class SubmitAuditReportForm implements TaskForm<SubmitAuditReportForm.Submitted> {

  public record Submitted(boolean reportSubmitted, Instant reportSubmittedAt) {}

  private final Inspections inspections;
  private final AuditReport report;
  private final ReportDecisions decisions;
  private final CurrentUser user;

  public SubmitAuditReportForm(Inspections inspections, AuditReport report, ReportDecisions decisions, CurrentUser user) {
    this.inspections = inspections;
    this.report = report;
    this.decisions = decisions;
    this.user = user;
  }

  @Override
  public String formId() {
    return "submit-audit-report";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::reportSubmitted, "confirm the report was submitted to the inspectors"),
        inspections.happenedSinceNotification(submission, task, Submitted::reportSubmittedAt));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    List<String> missing = report.notYetApproved(task);
    decisions.submitted(Standing.REFERENCE.get(task), new ReportDecisions.Submission(
            AuditReportVariables.REPORT_VERSION.find(task).orElse(null), submitted.reportSubmittedAt(),
            missing.isEmpty() ? null : String.join(", ", missing)),
        user.id(), EngineTime.now());
  }
}
