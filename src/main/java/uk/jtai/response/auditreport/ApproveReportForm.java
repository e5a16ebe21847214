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
public class ApproveReportForm implements TaskForm {

  static final String DECISION = "reportDecision";
  static final String APPROVE = "approve";
  static final String REJECT = "reject";

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
  public void check(DelegateTask task, Submission submission) {
    String decision = submission.choice(DECISION, List.of(APPROVE, REJECT));
    if (APPROVE.equals(decision)) {
      submission.requireTrue("qualityAssured", "confirm your agency has quality-assured this version before approving it");
    } else if (REJECT.equals(decision)) {
      submission.text("reportDecisionReason", 2000);
    }
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    boolean approve = APPROVE.equals(submission.value(DECISION));
    decisions.decide(Standing.REFERENCE.get(task), AuditReportVariables.REPORT_VERSION.get(task),
        new ReportDecisions.Decision(Standing.AGENCY.get(task),
            approve ? ReportDecisions.APPROVED : ReportDecisions.REJECTED, submission.flag("qualityAssured"),
            approve ? null : submission.text("reportDecisionReason", 2000)),
        user.id(), EngineTime.now());
  }
}
