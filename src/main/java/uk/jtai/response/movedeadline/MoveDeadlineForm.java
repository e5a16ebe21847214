package uk.jtai.response.movedeadline;

import java.time.Instant;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of move-deadline ({@code forms/move-deadline.form}): which inspection, which milestone, the
 * new due time and why. Read here as values of the right kind; whether the move can be made (a known
 * milestone, a working day ahead, a reason) is {@link ScheduleMover}'s check, the same as for {@code PUT
 * /api/inspections/{reference}/milestones/{name}}, so Tasklist and the API refuse a move with the same reasons.
 */
@Component
public class MoveDeadlineForm implements StartForm<MoveDeadlineForm.Submitted> {

  /** What the form sent: the reference (required); the others null when not sent. */
  public record Submitted(String inspectionReference, String milestone, Instant newDue, String moveReason) implements StartFormListener.OnInspection {}

  private final WorkingCalendar calendar;

  public MoveDeadlineForm(WorkingCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public String formId() {
    return "move-deadline";
  }

  @Override
  public Submitted read(Submission submission) {
    String reference = submission.text(Submitted::inspectionReference, 64);
    String milestone = submission.optionalText(Submitted::milestone, 64).orElse(null);
    Object due = submission.value(Submitted::newDue);
    Instant newDue = due == null || (due instanceof String s && s.isBlank()) ? null
        : submission.parseDateTime(Key.nameOf(Submitted::newDue), due, calendar.zone());
    String reason = submission.optionalText(Submitted::moveReason, 1000).orElse(null);
    return new Submitted(reference, milestone, newDue, reason);
  }
}
