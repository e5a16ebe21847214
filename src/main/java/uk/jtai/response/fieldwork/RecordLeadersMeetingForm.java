package uk.jtai.response.fieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/record-leaders-meeting.form: the meeting with senior leaders on the first day of fieldwork. */
@Component
public class RecordLeadersMeetingForm implements TaskForm<RecordLeadersMeetingForm.Submitted> {

  public record Submitted(Instant leadersMeetingAt, boolean contextPresented, String leadersMeetingNotes) {}

  private final Fieldwork fieldwork;
  private final WorkingCalendar calendar;

  public RecordLeadersMeetingForm(Fieldwork fieldwork, WorkingCalendar calendar) {
    this.fieldwork = fieldwork;
    this.calendar = calendar;
  }

  @Override
  public String formId() {
    return "record-leaders-meeting";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.happenedSince(Submitted::leadersMeetingAt, calendar.zone(), fieldwork.firstDay(task),
            "the first day of fieldwork"),
        submission.flag(Submitted::contextPresented),
        submission.optionalText(Submitted::leadersMeetingNotes, 2000).orElse(null));
  }
}
