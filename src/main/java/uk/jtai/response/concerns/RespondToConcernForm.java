package uk.jtai.response.concerns;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/** forms/respond-to-concern.form: the agency's senior officer responds to the issue of concern. */
@Component
public class RespondToConcernForm implements TaskForm {

  private final IssuesOfConcern concerns;
  private final CurrentUser user;

  public RespondToConcernForm(IssuesOfConcern concerns, CurrentUser user) {
    this.concerns = concerns;
    this.user = user;
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
        user.id());
  }
}
