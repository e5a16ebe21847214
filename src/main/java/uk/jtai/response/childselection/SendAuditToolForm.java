package uk.jtai.response.childselection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/send-audit-tool.form: the Business Unit makes the Multi-Agency Audit Tool and Chronology for
 * the selected children available to every agency, by 13:00 on day 5 (guidance 9.7). Completing it
 * e-mails each agency's lead contact and deputy where to find them.
 */
@Component
public class SendAuditToolForm implements TaskForm<SendAuditToolForm.Submitted> {

  public record Submitted(boolean auditToolAvailable) {}

  @Override
  public String formId() {
    return "send-audit-tool";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.requireTrue(Submitted::auditToolAvailable,
        "confirm the Audit Tool and Chronology for each selected child are in the secure location for every agency"));
  }
}
