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
public class UploadReportDraftForm implements TaskForm {

  static final String NEW_VERSION = "newReportVersion";
  static final String NEW_LOCATION = "newReportLocation";

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
  public void check(DelegateTask task, Submission submission) {
    submission.text(NEW_LOCATION, 300);
    Object version = submission.value(NEW_VERSION);
    int previous = AuditReportVariables.REPORT_VERSION.find(task).orElse(0);
    Integer number = version instanceof Number n ? Integer.valueOf(n.intValue())
        : version instanceof String s && s.strip().matches("[0-9]{1,4}") ? Integer.valueOf(s.strip()) : null;
    if (number == null) {
      submission.reject(NEW_VERSION, "give the version number of this draft");
    } else if (number <= previous) {
      submission.reject(NEW_VERSION, "must be higher than the last version shared (" + previous + ")");
    }
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    Object version = submission.value(NEW_VERSION);
    int number = version instanceof Number n ? n.intValue() : Integer.parseInt(((String) version).strip());
    task.getExecution().getProcessInstance().setVariable(AuditReportVariables.REPORT_VERSION.name(), number);
    task.getExecution().getProcessInstance().setVariable(AuditReportVariables.REPORT_LOCATION.name(),
        submission.text(NEW_LOCATION, 300));
    schedule.startWindow(Standing.REFERENCE.get(task), AuditReportVariables.REPORT_COMMENTS_DUE,
        "Audit Day attendees have commented on the audit report draft", inspections.theme(task).reportCommentWindow());
  }
}
