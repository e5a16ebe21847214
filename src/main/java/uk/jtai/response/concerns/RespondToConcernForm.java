package uk.jtai.response.concerns;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/** forms/respond-to-concern.form: the agency's senior officer responds to the issue of concern. */
@Component
public class RespondToConcernForm implements TaskForm<RespondToConcernForm.Submitted> {

  /** @param agencyResponse the response (child-level data: to jtai_concern, never to the engine) */
  public record Submitted(String agencyResponse) {}

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
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.text(Submitted::agencyResponse, 4000));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    concerns.recordAgencyResponse(task, submitted.agencyResponse(), user.id());
  }
}
