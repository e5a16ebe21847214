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
public class AuditPackForm implements TaskForm {

  @Override
  public String formId() {
    return "compile-audit-pack";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.requireTrue("auditPackSent", "confirm the compiled audit pack was sent to partners");
    submission.text("auditPackLocation", 300);
  }
}
