package uk.jtai.response.afterfieldwork;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/sign-off-actions.form: the agency's senior signs off its actions, or sends them back with a reason. */
@Component
public class SignOffActionsForm implements TaskForm<SignOffActionsForm.Submitted> {

  static final String APPROVE = "approve";
  static final String SEND_BACK = "send-back";

  /** @param actionsSentBackReason why they are sent back (only then) */
  public record Submitted(String actionsDecision, String actionsSentBackReason) {}

  @Override
  public String formId() {
    return "sign-off-actions";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String decision = submission.choice(Submitted::actionsDecision, List.of(APPROVE, SEND_BACK));
    return new Submitted(decision, SEND_BACK.equals(decision) ? submission.text(Submitted::actionsSentBackReason, 2000) : null);
  }
}
