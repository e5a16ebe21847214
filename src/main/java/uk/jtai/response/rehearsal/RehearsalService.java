package uk.jtai.response.rehearsal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.InspectionService;
import uk.jtai.response.inspection.StartInspectionForm;
import uk.jtai.response.notify.OutboxRepository;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.Rehearsals;
import uk.jtai.response.process.Standing;
import uk.jtai.response.purge.InspectionPurge;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.SubmissionRejectedException;
import uk.jtai.response.tasks.TaskNaming;
import uk.jtai.response.web.CurrentUser;

/**
 * Rehearsals ("dry runs") of an inspection, as bean {@code rehearsals}. A rehearsal is a jtai-inspection
 * run by the same models under the reference {@code REHEARSAL-JTAI-yyyy-mm-<AREA>-<n>}, held by a small
 * process, {@code rehearsal}, whose one task lets the Business Unit end it. Ending it, from that task or
 * the API, deletes the rehearsal's processes and child-level data ({@link InspectionPurge}) and withdraws
 * its e-mails not sent yet.
 */
@Component("rehearsals")
public class RehearsalService {

  public static final String PROCESS_KEY = "rehearsal";
  static final String END_TASK = "Task_EndRehearsal";
  static final String CONTROL_SUFFIX = InspectionPurge.CONTROL_SUFFIX;
  static final String THEME = StartRehearsalForm.THEME;
  static final String NOTIFIED_AT = StartRehearsalForm.NOTIFIED_AT;

  private static final Logger log = LoggerFactory.getLogger(RehearsalService.class);

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ScheduleRepository schedules;
  private final ThemeRegistry themes;
  private final StartRehearsalForm form;
  private final Partnership partnership;
  private final WorkingCalendar calendar;
  private final InspectionPurge purge;
  private final OutboxRepository outbox;
  private final CurrentUser user;

  public RehearsalService(@Lazy RuntimeService runtime, @Lazy TaskService tasks, @Lazy IdentityService identity,
                          ScheduleRepository schedules, ThemeRegistry themes, StartRehearsalForm form, Partnership partnership,
                          WorkingCalendar calendar, InspectionPurge purge, OutboxRepository outbox,
                          CurrentUser user) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.schedules = schedules;
    this.themes = themes;
    this.form = form;
    this.partnership = partnership;
    this.calendar = calendar;
    this.purge = purge;
    this.outbox = outbox;
    this.user = user;
  }

  /** A rehearsal as started: its reference, theme and day 1, and the process that holds it. */
  public record Started(String reference, String theme, Instant notifiedAt, String controlProcessInstanceId) {}

  /**
   * Starts a rehearsal as the current user (the engine lets only the Business Unit start the rehearsal
   * process): {@code theme} null for the current theme, {@code notifiedAt} null for 09:00 on the next
   * working day.
   */
  public Started start(String theme, String notifiedAt) {
    Map<String, Object> values = new HashMap<>();
    values.put(THEME, theme);
    values.put(NOTIFIED_AT, notifiedAt);
    ProcessInstance control = runtime.createProcessInstanceByKey(PROCESS_KEY).setVariables(values).execute();
    String reference = (String) runtime.getVariable(control.getId(), Standing.REFERENCE.name());
    InspectionSchedule schedule = schedules.find(reference).orElseThrow();
    return new Started(reference, schedule.theme(), schedule.notifiedAt(), control.getId());
  }

  /**
   * Start listener of the rehearsal process ({@code ${rehearsals.begin(execution)}}): picks the theme and
   * day 1, starts the rehearsal's jtai-inspection in the same transaction and keeps its reference.
   */
  public void begin(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    StartRehearsalForm.Submitted start = form.read(submission);
    submission.verdict();
    Theme theme = themes.theme(start.theme());
    Instant dayOne = start.notifiedAt();
    String base = newBaseReference(dayOne);
    Map<String, Object> variables = new HashMap<>();
    variables.put(StartInspectionForm.REFERENCE, base);
    variables.put(StartInspectionForm.THEME, theme.id());
    variables.put(StartInspectionForm.NOTIFIED_AT, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dayOne.atZone(calendar.zone())));
    variables.put(Rehearsals.REQUESTED, true);
    runtime.createProcessInstanceByKey(InspectionService.PROCESS_KEY).setVariables(variables).execute();

    String reference = Rehearsals.PREFIX + base;
    InspectionSchedule schedule = schedules.find(reference).orElseThrow(() -> new IllegalStateException("rehearsal " + reference + " has no schedule"));
    execution.setProcessBusinessKey(reference + CONTROL_SUFFIX);
    Standing.REFERENCE.set(execution, reference);
    Standing.THEME.set(execution, theme.id());
    Standing.THEME_NAME.set(execution, theme.name());
    execution.setVariable(NOTIFIED_AT, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dayOne.atZone(calendar.zone())));
    execution.setVariable("rehearsalEnds", Date.from(schedule.milestones().stream().map(Milestone::due)
        .max(Comparator.naturalOrder()).orElse(schedule.notifiedAt())));
    TaskNaming.DESCRIPTION.set(execution, "Rehearsal of a Joint Targeted Area Inspection on the theme '" + theme.name()
        + "' (" + reference + ")");
    log.info("Rehearsal {} started on theme {}", reference, theme.id());
  }

  /** Service task of the rehearsal process: the Business Unit has ended the rehearsal. */
  public void end(DelegateExecution execution) {
    String reference = Standing.REFERENCE.get(execution);
    // The Business Unit may end a rehearsal, but holds no right to delete processes in general.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      deleteData(reference, "rehearsal ended by " + Optional.ofNullable(user.id()).orElse("the service"));
      return null;
    });
  }

  /**
   * Cancels a rehearsal from the API, as the current user (the caller checks they are Business Unit):
   * completes its end task, or deletes its data directly where no rehearsal process holds it.
   *
   * @throws SubmissionRejectedException when the reference is not a rehearsal's
   * @throws NoSuchRehearsalException when there is no such rehearsal
   */
  public void cancel(String reference, String by) {
    if (!Rehearsals.isRehearsal(reference)) {
      throw new SubmissionRejectedException(List.of(new FieldError("reference",
          reference + " is not a rehearsal (a rehearsal's reference starts with " + Rehearsals.PREFIX + "); real inspections are never cancelled here")));
    }
    if (!schedules.exists(reference)) {
      throw new NoSuchRehearsalException(reference);
    }
    Task end = tasks.createTaskQuery().processInstanceBusinessKey(reference + CONTROL_SUFFIX).taskDefinitionKey(END_TASK).singleResult();
    if (end != null) {
      tasks.complete(end.getId(), Map.of(Key.nameOf(EndRehearsalForm.Submitted::endRehearsal), true));
      return;
    }
    Authentication caller = user.find().orElse(null);
    identity.clearAuthentication();
    try {
      deleteData(reference, "rehearsal cancelled by " + by);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /** No rehearsal has the reference. */
  public static class NoSuchRehearsalException extends RuntimeException {
    public NoSuchRehearsalException(String reference) {
      super("No rehearsal with reference " + reference);
    }
  }

  private void deleteData(String reference, String reason) {
    if (!Rehearsals.isRehearsal(reference)) {
      throw new IllegalStateException(reference + " is not a rehearsal");
    }
    purge.purge(reference, reason);
    int withdrawn = outbox.cancelPending(reference, reason);
    log.info("Rehearsal {} ended and its data deleted ({}; {} e-mails withdrawn)", reference, reason, withdrawn);
  }

  /** JTAI-yyyy-mm-AREA-n: the inspection reference pattern, with the first n no rehearsal has used. */
  private String newBaseReference(Instant dayOne) {
    String area = partnership.shortName().toUpperCase(Locale.UK).replaceAll("[^A-Z0-9]", "");
    String month = DateTimeFormatter.ofPattern("yyyy-MM").format(dayOne.atZone(calendar.zone()));
    for (int n = 1; ; n++) {
      String base = "JTAI-" + month + "-" + (area.isEmpty() ? "AREA" : area) + "-" + n;
      if (!schedules.exists(Rehearsals.PREFIX + base)) {
        return base;
      }
    }
  }

  /** Only the Business Unit rehearses. */
  @Bean
  static ProcessStarters rehearsalStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.BUSINESS_UNIT));
  }
}
