package uk.jtai.response.afterfieldwork;

import java.time.Instant;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/record-final-report.form: the final report arrives (Monday of week 10), embargoed until publication. */
@Component
public class RecordFinalReportForm implements TaskForm<RecordFinalReportForm.Submitted> {

  public record Submitted(Instant finalArrivedAt, String finalReportLocation, LocalDate publicationDate) {}

  private final AfterFieldwork afterFieldwork;
  private final WorkingCalendar calendar;
  private final Inspections inspections;

  public RecordFinalReportForm(AfterFieldwork afterFieldwork, WorkingCalendar calendar, Inspections inspections) {
    this.afterFieldwork = afterFieldwork;
    this.calendar = calendar;
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-final-report";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    Instant arrived = inspections.happenedSinceNotification(submission, task, Submitted::finalArrivedAt);
    String location = submission.text(Submitted::finalReportLocation, 300);
    LocalDate publication = submission.date(Submitted::publicationDate);
    if (arrived != null && publication != null && publication.isBefore(arrived.atZone(calendar.zone()).toLocalDate())) {
      submission.reject(Submitted::publicationDate, "is before the final report arrived");
    }
    return new Submitted(arrived, location, publication);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    afterFieldwork.finalArrived(task, submitted.publicationDate());
  }
}
