package uk.jtai.response.caseaudit;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/sign-off-audit.form: the agency's senior approver signs off one child's Audit Tool and
 * Chronology, or sends them back with a reason (guidance 9.9). Signed off, the child's return is
 * submitted to the Business Unit at once (9.10).
 */
@Component
public class SignOffAuditForm implements TaskForm<SignOffAuditForm.Submitted> {

  static final String APPROVE = "approve";
  static final String SEND_BACK = "send-back";

  /**
   * @param sentBackReason why it is sent back (only then; child-level data: to jtai_audit_return, never to
   *     the engine)
   */
  public record Submitted(String auditDecision, String sentBackReason) {

    boolean approves() {
      return APPROVE.equals(auditDecision);
    }
  }

  private final AuditReturns returns;
  private final CurrentUser user;

  public SignOffAuditForm(AuditReturns returns, CurrentUser user) {
    this.returns = returns;
    this.user = user;
  }

  @Override
  public String formId() {
    return "sign-off-audit";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String decision = submission.choice(Submitted::auditDecision, List.of(APPROVE, SEND_BACK));
    String reason = SEND_BACK.equals(decision) ? submission.text(Submitted::sentBackReason, 2000) : null;
    return new Submitted(decision, reason);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    String reference = Standing.REFERENCE.get(task);
    String agency = Standing.AGENCY.get(task);
    int child = Standing.CHILD_NUMBER.get(task);
    if (submitted.approves()) {
      returns.submitted(reference, agency, child, user.id(), EngineTime.now());
    } else {
      returns.sentBack(reference, agency, child, user.id(), submitted.sentBackReason());
    }
  }
}
