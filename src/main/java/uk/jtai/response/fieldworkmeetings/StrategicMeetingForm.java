package uk.jtai.response.fieldworkmeetings;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-strategic-meeting.form: LAIM records the week 1 multi-agency meeting at which partners explain their
 * strategic arrangements for the theme (serious youth violence's flowchart, paragraphs 51 and 52): when, held since
 * the notification and not in the future, and that each partner explained its arrangements.
 */
@Component
public class StrategicMeetingForm implements TaskForm<StrategicMeetingForm.Submitted> {

  public record Submitted(Instant strategicMeetingAt, boolean partnersExplained, String strategicMeetingNotes) {}

  private final Inspections inspections;

  public StrategicMeetingForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-strategic-meeting";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        inspections.happenedSinceNotification(submission, task, Submitted::strategicMeetingAt),
        submission.requireTrue(Submitted::partnersExplained, "confirm that each partner explained its strategic arrangements"),
        submission.optionalText(Submitted::strategicMeetingNotes, 2000).orElse(null));
  }
}
