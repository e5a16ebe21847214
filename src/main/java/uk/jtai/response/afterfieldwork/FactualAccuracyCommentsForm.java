package uk.jtai.response.afterfieldwork;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/** forms/factual-accuracy-comments.form: an agency sends the DCS its factual-accuracy comments, or none. */
@Component
public class FactualAccuracyCommentsForm implements TaskForm<FactualAccuracyCommentsForm.Submitted> {

  /** @param factualCommentsLocation where the comments are (unless there are none) */
  public record Submitted(boolean noFactualComments, String factualCommentsLocation) {}

  private final AfterFieldwork afterFieldwork;
  private final CurrentUser user;

  public FactualAccuracyCommentsForm(AfterFieldwork afterFieldwork, CurrentUser user) {
    this.afterFieldwork = afterFieldwork;
    this.user = user;
  }

  @Override
  public String formId() {
    return "factual-accuracy-comments";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    boolean none = submission.flag(Submitted::noFactualComments);
    return new Submitted(none, none ? null : submission.text(Submitted::factualCommentsLocation, 300));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    afterFieldwork.recordComments(task, submitted.factualCommentsLocation(), submitted.noFactualComments(), user.id());
  }
}
