package uk.jtai.response.concerns;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/respond-to-concern.form: the agency's senior officer responds to the issue of concern. */
@Component
public class RespondToConcernForm implements TaskForm {

  private final IssuesOfConcern concerns;

  public RespondToConcernForm(IssuesOfConcern concerns) {
    this.concerns = concerns;
  }

  @Override
  public String formId() {
    return "respond-to-concern";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.text("agencyResponse", 4000);
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    concerns.recordAgencyResponse(task, submission.text("agencyResponse", 4000),
        Context.getCommandContext().getAuthenticatedUserId());
  }
}
