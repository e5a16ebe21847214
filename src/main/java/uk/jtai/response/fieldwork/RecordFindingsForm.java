package uk.jtai.response.fieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/record-findings.form: the inspection findings are fed back to the partnership on Friday of week 3. */
@Component
public class RecordFindingsForm implements TaskForm<RecordFindingsForm.Submitted> {

  public record Submitted(Instant findingsFedBackAt, String findingsNotes) {}

  private final Fieldwork fieldwork;
  private final WorkingCalendar calendar;

  public RecordFindingsForm(Fieldwork fieldwork, WorkingCalendar calendar) {
    this.fieldwork = fieldwork;
    this.calendar = calendar;
  }

  @Override
  public String formId() {
    return "record-findings";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.happenedSince(Submitted::findingsFedBackAt, calendar.zone(), fieldwork.firstDay(task),
            "the first day of fieldwork"),
        submission.optionalText(Submitted::findingsNotes, 2000).orElse(null));
  }
}
