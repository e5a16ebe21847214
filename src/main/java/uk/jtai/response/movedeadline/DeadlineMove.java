package uk.jtai.response.movedeadline;

import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.SubmissionRejectedException;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/move-deadline.bpmn ({@code ${deadlineMove}}): the Business Unit or LAIM moves a
 * milestone from Tasklist: its start form read once ({@link MoveDeadlineForm}), then the same checks as the
 * product API; bad input refuses the start.
 */
@Component("deadlineMove")
public class DeadlineMove extends StartFormListener<MoveDeadlineForm.Submitted> {

  private final ScheduleMover mover;
  private final CurrentUser user;

  public DeadlineMove(MoveDeadlineForm form, ScheduleMover mover, CurrentUser user) {
    super(form);
    this.mover = mover;
    this.user = user;
  }

  @Override
  protected void act(MoveDeadlineForm.Submitted move, Submission submission) {
    try {
      mover.move(move.inspectionReference(), move.milestone(), move.newDue() == null ? null : Date.from(move.newDue()),
          move.moveReason(), user.id());
    } catch (NoSuchElementException e) {
      throw new SubmissionRejectedException(List.of(new FieldError(Key.nameOf(MoveDeadlineForm.Submitted::inspectionReference),
          e.getMessage())));
    }
  }
}
