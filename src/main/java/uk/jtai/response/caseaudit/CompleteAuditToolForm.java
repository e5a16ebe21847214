package uk.jtai.response.caseaudit;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/complete-audit-tool.form: an agency's lead or deputy completes the Multi-Agency Audit Tool and
 * Chronology for one audited child (guidance 9.8). The form records that both are done and where they
 * are in the secure location, never their content; the agency's senior then signs them off. (Why a
 * return was sent back is shown on the form as a view, never submitted.)
 */
@Component
public class CompleteAuditToolForm implements TaskForm<CompleteAuditToolForm.Submitted> {

  public record Submitted(boolean auditToolCompleted, boolean chronologyCompleted, String returnLocation) {}

  private final AuditReturns returns;
  private final CurrentUser user;

  public CompleteAuditToolForm(AuditReturns returns, CurrentUser user) {
    this.returns = returns;
    this.user = user;
  }

  @Override
  public String formId() {
    return "complete-audit-tool";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::auditToolCompleted, "confirm the Multi-Agency Audit Tool is completed for this child"),
        submission.requireTrue(Submitted::chronologyCompleted, "confirm the Chronology is completed for this child"),
        submission.text(Submitted::returnLocation, 300));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    returns.completed(Standing.REFERENCE.get(task), Standing.AGENCY.get(task), Standing.CHILD_NUMBER.get(task),
        submitted.returnLocation(), user.id());
  }
}
