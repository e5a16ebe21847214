package uk.jtai.response.afterfieldwork;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/contribute-actions.form: an agency contributes its actions to the partnership's action plan. (Why
 * they were sent back, if they were, is shown as a view, never submitted.)
 */
@Component
public class ContributeActionsForm implements TaskForm<ContributeActionsForm.Submitted> {

  public record Submitted(String actionsLocation, Integer actionCount) {}

  @Override
  public String formId() {
    return "contribute-actions";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.text(Submitted::actionsLocation, 300), submission.number(Submitted::actionCount, 0));
  }
}
