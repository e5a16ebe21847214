package uk.jtai.response.auditreport;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/upload-report-draft.form: the Audit Author shares a draft of the audit report (guidance 9.14):
 * where it is (a reference) and its version number, higher than the last. Sharing it opens the
 * attendees' comment window and asks every statutory partner to approve this version.
 */
@Component
public class UploadReportDraftForm implements TaskForm<UploadReportDraftForm.Submitted> {

  public record Submitted(Integer newReportVersion, String newReportLocation) {}

  private final Schedule schedule;
  private final Inspections inspections;

  public UploadReportDraftForm(Schedule schedule, Inspections inspections) {
    this.schedule = schedule;
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "upload-report-draft";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String location = submission.text(Submitted::newReportLocation, 300);
    Object version = submission.value(Submitted::newReportVersion);
    int previous = AuditReportVariables.REPORT_VERSION.find(task).orElse(0);
    Integer number = version instanceof Number n ? Integer.valueOf(n.intValue())
        : version instanceof String s && s.strip().matches("[0-9]{1,4}") ? Integer.valueOf(s.strip()) : null;
    if (number == null) {
      submission.reject(Submitted::newReportVersion, "give the version number of this draft");
    } else if (number <= previous) {
      submission.reject(Submitted::newReportVersion, "must be higher than the last version shared (" + previous + ")");
    }
    return new Submitted(number, location);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    task.getExecution().getProcessInstance().setVariable(AuditReportVariables.REPORT_VERSION.name(), submitted.newReportVersion());
    task.getExecution().getProcessInstance().setVariable(AuditReportVariables.REPORT_LOCATION.name(),
        submitted.newReportLocation());
    schedule.startWindow(Standing.REFERENCE.get(task), AuditReportVariables.REPORT_COMMENTS_DUE,
        "Audit Day attendees have commented on the audit report draft", inspections.theme(task).reportCommentWindow());
  }
}
