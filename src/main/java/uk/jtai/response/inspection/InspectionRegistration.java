package uk.jtai.response.inspection;

import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.SubmissionRejectedException;
import uk.jtai.response.tasks.FieldError;

/**
 * Start listener of jtai-inspection ({@code ${inspectionRegistration}}): checks the notification, makes
 * the reference the business key, and stores the inspection with its schedule, all in the start's
 * transaction. A bad notification refuses the start, so nothing is stored.
 */
@Component("inspectionRegistration")
public class InspectionRegistration implements ExecutionListener {

  private final NotificationCheck check;
  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;

  public InspectionRegistration(NotificationCheck check, ScheduleRepository schedules, WorkingCalendar calendar) {
    this.check = check;
    this.schedules = schedules;
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    NewInspection inspection = check.check(submission).orElse(null);
    submission.verdict();
    if (schedules.exists(inspection.reference())) {
      throw new SubmissionRejectedException(java.util.List.of(new FieldError(NotificationCheck.REFERENCE,
          "an inspection with reference " + inspection.reference() + " already exists")));
    }
    execution.setProcessBusinessKey(inspection.reference());
    InspectionVariables.REFERENCE.set(execution, inspection.reference());
    InspectionVariables.THEME.set(execution, inspection.theme().id());
    InspectionVariables.THEME_NAME.set(execution, inspection.theme().name());
    InspectionVariables.NOTIFIED_AT.set(execution,
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(inspection.notifiedAt().atZone(calendar.zone())));
    String startedBy = Context.getCommandContext().getAuthenticatedUserId();
    schedules.insert(inspection.schedule(), execution.getProcessInstanceId(), startedBy, EngineTime.now());
  }
}
