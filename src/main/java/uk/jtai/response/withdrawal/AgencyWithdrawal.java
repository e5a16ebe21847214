package uk.jtai.response.withdrawal;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/take-agency-out.bpmn ({@code ${agencyWithdrawal}}): the Business Unit takes an agency
 * out of a stage from Tasklist: its start form read once ({@link TakeAgencyOutForm}), then {@link
 * StageWithdrawals}'s checks; bad input refuses the start and changes nothing.
 */
@Component("agencyWithdrawal")
public class AgencyWithdrawal extends StartFormListener<TakeAgencyOutForm.Submitted> {

  public static final String PROCESS_KEY = "take-agency-out";

  private final StageWithdrawals withdrawals;
  private final CurrentUser user;

  public AgencyWithdrawal(TakeAgencyOutForm form, StageWithdrawals withdrawals, CurrentUser user) {
    super(form);
    this.withdrawals = withdrawals;
    this.user = user;
  }

  @Override
  protected void act(TakeAgencyOutForm.Submitted request, Submission submission) {
    withdrawals.takeOut(request, user.id(), submission);
  }

  /** Only the Business Unit takes an agency out of a stage. */
  @Bean
  static ProcessStarters takeAgencyOutStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.BUSINESS_UNIT));
  }
}
