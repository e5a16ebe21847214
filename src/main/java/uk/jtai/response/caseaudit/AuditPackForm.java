package uk.jtai.response.caseaudit;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/compile-audit-pack.form: the Business Unit compiles the agencies' returns and sends the pack
 * back to partners the same day, day 6 (guidance 9.11). The task shows which child-by-agency returns
 * are still missing.
 */
@Component
public class AuditPackForm implements TaskForm<AuditPackForm.Submitted> {

  public record Submitted(boolean auditPackSent, String auditPackLocation) {}

  @Override
  public String formId() {
    return "compile-audit-pack";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::auditPackSent, "confirm the compiled audit pack was sent to partners"),
        submission.text(Submitted::auditPackLocation, 300));
  }
}
