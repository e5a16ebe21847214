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
public class CommentOnDraftForm implements TaskForm<CommentOnDraftForm.Submitted> {

  /** @param draftComment the agency's comments, or null for none (child-level data: to jtai_report_comment) */
  public record Submitted(String draftComment) {}

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
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.optionalText(Submitted::draftComment, 4000).orElse(null));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    if (submitted.draftComment() != null) {
      decisions.comment(Standing.REFERENCE.get(task), AuditReportVariables.REPORT_VERSION.get(task),
          Standing.AGENCY.get(task), submitted.draftComment(), user.id(), EngineTime.now());
    }
  }
}
