package uk.jtai.response.amendment;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/amend-selection.bpmn ({@code ${selectionAmendment}}): LAIM amends one of the 20 or of
 * the 6 from Tasklist: its start form read once ({@link AmendSelectionForm}), then {@link SelectionAmendments}'s
 * checks; bad input refuses the start and changes nothing.
 */
@Component("selectionAmendment")
public class SelectionAmendment extends StartFormListener<AmendSelectionForm.Submitted> {

  public static final String PROCESS_KEY = "amend-selection";

  private final SelectionAmendments amendments;
  private final CurrentUser user;

  public SelectionAmendment(AmendSelectionForm form, SelectionAmendments amendments, CurrentUser user) {
    super(form);
    this.amendments = amendments;
    this.user = user;
  }

  @Override
  protected void act(AmendSelectionForm.Submitted request, Submission submission) {
    amendments.amend(request, user.id(), submission);
  }

  /** Only LAIM records the inspectors' selections, so only LAIM amends them (guidance 9.2, 9.6). */
  @Bean
  static ProcessStarters amendSelectionStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.LAIM));
  }
}
