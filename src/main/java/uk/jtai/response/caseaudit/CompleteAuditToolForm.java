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
 * are in the secure location, never their content; the agency's senior then signs them off.
 */
@Component
public class CompleteAuditToolForm implements TaskForm {

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
  public void check(DelegateTask task, Submission submission) {
    submission.requireTrue("auditToolCompleted", "confirm the Multi-Agency Audit Tool is completed for this child");
    submission.requireTrue("chronologyCompleted", "confirm the Chronology is completed for this child");
    submission.text("returnLocation", 300);
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    returns.completed(Standing.REFERENCE.get(task), Standing.AGENCY.get(task),
        Standing.CHILD_NUMBER.get(task), submission.text("returnLocation", 300),
        user.id());
  }
}
