package uk.jtai.response.concerns;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-concern-response.form: LAIM records the response given to the inspectors on the template
 * the lead inspector provided (guidance section 14).
 */
@Component
public class ConcernResponseGivenForm implements TaskForm {

  private final IssuesOfConcern concerns;
  private final WorkingCalendar calendar;
  private final Inspections inspections;

  public ConcernResponseGivenForm(IssuesOfConcern concerns, WorkingCalendar calendar, Inspections inspections) {
    this.concerns = concerns;
    this.calendar = calendar;
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-concern-response";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.requireTrue("responseRecordedOnTemplate",
        "confirm the response was recorded on the inspectors' issues of concern template");
    inspections.happenedSinceNotification(submission, task, "responseGivenAt");
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    Instant at = submission.dateTime("responseGivenAt", calendar.zone());
    concerns.recordGivenToInspectors(task, at);
  }
}
