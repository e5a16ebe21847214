package uk.jtai.response.auditreport;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/comment-on-draft.form: an agency that attended the Audit Day reads the draft and feeds back
 * its comments (guidance section 12), or none; the author sees them.
 */
@Component
public class CommentOnDraftForm implements TaskForm {

  private final ReportDecisions decisions;
  private final CurrentUser user;

  public CommentOnDraftForm(ReportDecisions decisions, CurrentUser user) {
    this.decisions = decisions;
    this.user = user;
  }

  @Override
  public String formId() {
    return "comment-on-draft";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.optionalText("draftComment", 4000);
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    submission.optionalText("draftComment", 4000).ifPresent(comment -> decisions.comment(
        Standing.REFERENCE.get(task), AuditReportVariables.REPORT_VERSION.get(task),
        Standing.AGENCY.get(task), comment, user.id(),
        EngineTime.now()));
  }
}
