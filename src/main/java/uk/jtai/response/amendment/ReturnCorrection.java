package uk.jtai.response.amendment;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/correct-known-to-agency.bpmn ({@code ${returnCorrection}}): an agency reopens its own
 * known-to-agency return from Tasklist until LAIM forwards the returns; its start form read once ({@link
 * CorrectReturnForm}), then {@link ReturnCorrections}'s checks; bad input refuses the start and changes nothing.
 */
@Component("returnCorrection")
public class ReturnCorrection extends StartFormListener<CorrectReturnForm.Submitted> {

  public static final String PROCESS_KEY = "correct-known-to-agency";

  private final ReturnCorrections corrections;
  private final CurrentUser user;

  public ReturnCorrection(CorrectReturnForm form, ReturnCorrections corrections, CurrentUser user) {
    super(form);
    this.corrections = corrections;
    this.user = user;
  }

  @Override
  protected void act(CorrectReturnForm.Submitted request, Submission submission) {
    corrections.reopen(request, user.id(), user.authentication().getGroupIds(), submission);
  }

  /** The agencies' own people (their groups): each corrects its own agency's return only. */
  @Bean
  static ProcessStarters correctKnownToAgencyStarters(Partnership partnership) {
    return new ProcessStarters(PROCESS_KEY, partnership.agencies().stream().map(Agency::id).toList());
  }
}
