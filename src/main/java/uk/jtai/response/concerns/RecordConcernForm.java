package uk.jtai.response.concerns;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/record-issue-of-concern.form: LAIM's standing task while the inspection runs: when the
 * inspectors notify a serious issue of concern (guidance section 14), record the agency and a summary.
 * Completing it starts the concern's handling and gives LAIM the task again for the next one.
 */
@Component
public class RecordConcernForm implements TaskForm {

  private final IssuesOfConcern concerns;
  private final Inspections inspections;
  private final CurrentUser user;

  public RecordConcernForm(IssuesOfConcern concerns, Inspections inspections, CurrentUser user) {
    this.concerns = concerns;
    this.inspections = inspections;
    this.user = user;
  }

  @Override
  public String formId() {
    return "record-issue-of-concern";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    concerns.check(submission, inspections.agencies(task));
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    concerns.raise(Standing.REFERENCE.get(task), submission.text("concernAgency", 64),
        submission.text("concernSummary", 4000), user.id());
  }
}
