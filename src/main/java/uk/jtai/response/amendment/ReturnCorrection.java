package uk.jtai.response.amendment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/correct-known-to-agency.bpmn ({@code ${returnCorrection}}): an agency reopens its own
 * known-to-agency return from Tasklist until LAIM forwards the returns; its start form read once ({@link
 * CorrectReturnForm}), then {@link ReturnCorrections}'s checks; bad input refuses the start and changes nothing.
 */
@Component("returnCorrection")
public class ReturnCorrection implements ExecutionListener {

  public static final String PROCESS_KEY = "correct-known-to-agency";

  private final CorrectReturnForm form;
  private final ReturnCorrections corrections;
  private final CurrentUser user;

  public ReturnCorrection(CorrectReturnForm form, ReturnCorrections corrections, CurrentUser user) {
    this.form = form;
    this.corrections = corrections;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    CorrectReturnForm.Submitted request = form.read(submission);
    submission.verdict();
    execution.setProcessBusinessKey(request.inspectionReference());
    corrections.reopen(request, user.id(), user.authentication().getGroupIds(), submission);
  }

  /** The agencies' own people (their groups): each corrects its own agency's return only. */
  @Bean
  static ProcessStarters correctKnownToAgencyStarters(Partnership partnership) {
    return new ProcessStarters(PROCESS_KEY, partnership.agencies().stream().map(Agency::id).toList());
  }
}
