package uk.jtai.response.auditreport;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/approve-audit-report.form: a statutory partner, through its lead contact or deputy, approves
 * the current version of the audit report having quality-assured it, or rejects it with a reason
 * (guidance 9.15). The decision belongs to that version only.
 */
@Component
public class ApproveReportForm implements TaskForm<ApproveReportForm.Submitted> {

  static final String APPROVE = "approve";
  static final String REJECT = "reject";

  /**
   * @param reportDecisionReason why it is rejected (only then; child-level data: to jtai_report_decision,
   *     never to the engine)
   */
  public record Submitted(String reportDecision, boolean qualityAssured, String reportDecisionReason) {

    boolean approves() {
      return APPROVE.equals(reportDecision);
    }
  }

  private final ReportDecisions decisions;
  private final CurrentUser user;

  public ApproveReportForm(ReportDecisions decisions, CurrentUser user) {
    this.decisions = decisions;
    this.user = user;
  }

  @Override
  public String formId() {
    return "approve-audit-report";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String decision = submission.choice(Submitted::reportDecision, List.of(APPROVE, REJECT));
    boolean qualityAssured = false;
    String reason = null;
    if (APPROVE.equals(decision)) {
      qualityAssured = submission.requireTrue(Submitted::qualityAssured,
          "confirm your agency has quality-assured this version before approving it");
    } else if (REJECT.equals(decision)) {
      qualityAssured = submission.flag(Submitted::qualityAssured);
      reason = submission.text(Submitted::reportDecisionReason, 2000);
    }
    return new Submitted(decision, qualityAssured, reason);
  }

  /**
   * An approval given after the task's due instant (17:00 day 9, or where the inspectors moved it) is kept as
   * late: the report may already be on its way to the inspectors with this approval named as missing.
   */
  @Override
  public void record(DelegateTask task, Submitted submitted) {
    java.time.Instant now = EngineTime.now();
    boolean late = task.getDueDate() != null && now.isAfter(task.getDueDate().toInstant());
    decisions.decide(Standing.REFERENCE.get(task), AuditReportVariables.REPORT_VERSION.get(task),
        new ReportDecisions.Decision(Standing.AGENCY.get(task),
            submitted.approves() ? ReportDecisions.APPROVED : ReportDecisions.REJECTED, submitted.qualityAssured(),
            submitted.reportDecisionReason()),
        user.id(), now, late);
  }
}
