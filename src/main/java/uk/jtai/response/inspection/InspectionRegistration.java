package uk.jtai.response.inspection;

import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.process.Rehearsals;
import uk.jtai.response.process.Standing;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.SubmissionRejectedException;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of jtai-inspection ({@code ${inspectionRegistration}}): reads the notification once through
 * its start form ({@link StartInspectionForm}), makes the reference the business key, and stores the
 * inspection with its schedule, all in the start's transaction. A bad notification refuses the start, so
 * nothing is stored.
 *
 * <p>A rehearsal (variable {@code rehearsal} true, started by the Business Unit only) runs the same way
 * under the reference {@code REHEARSAL-<reference>}, which marks its tasks, e-mails and Cockpit entries.
 */
@Component("inspectionRegistration")
public class InspectionRegistration implements ExecutionListener {

  private final StartInspectionForm form;
  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;
  private final CurrentUser user;
  private final TakingPart takingPart;

  public InspectionRegistration(StartInspectionForm form, ScheduleRepository schedules, WorkingCalendar calendar,
                                CurrentUser user, TakingPart takingPart) {
    this.takingPart = takingPart;
    this.form = form;
    this.schedules = schedules;
    this.calendar = calendar;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    boolean rehearsal = submission.flag(Rehearsals.REQUESTED);
    StartInspectionForm.Submitted notification = form.read(submission);
    if (rehearsal && !startedByTheBusinessUnit()) {
      submission.reject(Rehearsals.REQUESTED, "only the Business Unit can start a rehearsal");
    }
    submission.verdict();
    NewInspection inspection = form.inspection(notification);
    String reference = rehearsal ? Rehearsals.PREFIX + inspection.reference() : inspection.reference();
    if (schedules.exists(reference)) {
      throw new SubmissionRejectedException(java.util.List.of(new FieldError(StartInspectionForm.REFERENCE,
          "an inspection with reference " + reference + " already exists")));
    }
    InspectionSchedule schedule = inspection.schedule();
    if (rehearsal) {
      schedule = new InspectionSchedule(reference, schedule.theme(), schedule.notifiedAt(), schedule.milestones());
    }
    execution.setProcessBusinessKey(reference);
    Standing.REFERENCE.set(execution, reference);
    Standing.THEME.set(execution, inspection.theme().id());
    Standing.THEME_NAME.set(execution, inspection.theme().name());
    Standing.NOTIFIED_AT.set(execution,
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(inspection.notifiedAt().atZone(calendar.zone())));
    String startedBy = user.id();
    schedules.insert(schedule, execution.getProcessInstanceId(), startedBy, EngineTime.now());
    // The providers CQC named: kept as decisions (jtai_inspection_provider), the one record of who takes part, so
    // a later change is not contradicted by a stale variable.
    for (String provider : notification.healthProviders()) {
      takingPart.decide(reference, provider, true, "named when the notification was recorded",
          startedBy == null ? "the service" : startedBy, EngineTime.now());
    }
    execution.removeVariable(StartInspectionForm.HEALTH_PROVIDERS);
  }

  /** Without an authenticated user (the engine's own calls, tests) there is nobody to refuse. */
  private boolean startedByTheBusinessUnit() {
    return user.find().map(signedIn -> signedIn.getGroupIds() != null && signedIn.getGroupIds().contains(Roles.BUSINESS_UNIT))
        .orElse(true);
  }
}
