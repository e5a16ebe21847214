package uk.jtai.response.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the models ask about deadlines, as bean {@code schedule}: a task's due date and a timer read
 * {@code ${schedule.due(execution, 'AUDIT_REPORT_DUE')}}. The inspection is the process's business key
 * (called processes receive it from {@code jtai-inspection}).
 */
@Component("schedule")
public class Schedule {

  private final ScheduleRepository repository;
  private final WorkingCalendar calendar;

  public Schedule(ScheduleRepository repository, WorkingCalendar calendar) {
    this.repository = repository;
    this.calendar = calendar;
  }

  /** The instant {@code milestone} falls due for the inspection {@code scope} belongs to. */
  public Date due(Object scope, String milestone) {
    return Date.from(dueInstant(referenceOf(scope), milestone));
  }

  /**
   * Sets a deadline relative to now (engine clock) in working time, e.g. "within two working hours" of
   * a step, as a milestone of the inspection's schedule: models then refer to it by name like any other.
   */
  public Milestone startWindow(String reference, String milestone, String title, Duration window) {
    return startWindow(reference, milestone, title, window, null);
  }

  /**
   * As {@link #startWindow(String, String, String, Duration)}, but never past the milestone {@code notAfter}
   * of the same schedule: a window that would run past it ends at it (the known-to-agency returns end by the
   * time LAIM is to forward them, whenever the selection was recorded). Where {@code notAfter} has already
   * passed when the window starts, clamping would make the window due before it opens, so it runs its full
   * length (the later deadline is then missed anyway, and recorded as such).
   */
  public Milestone startWindow(String reference, String milestone, String title, Duration window, String notAfter) {
    InspectionSchedule schedule = repository.find(reference).orElseThrow(
        () -> new IllegalStateException("no schedule for inspection " + reference));
    // Never before the notification: an inspection recorded ahead of its day 1 (a rehearsal, say)
    // starts its windows on day 1.
    Instant from = EngineTime.now().isAfter(schedule.notifiedAt()) ? EngineTime.now() : schedule.notifiedAt();
    Instant due = calendar.addWorkingTime(from, window);
    if (notAfter != null) {
      Instant limit = schedule.milestone(notAfter).map(Milestone::due).orElseThrow(() -> new IllegalStateException(
          "Inspection " + reference + " has no milestone '" + notAfter + "': add it to the theme file the inspection runs on"));
      if (limit.isAfter(from) && due.isAfter(limit)) {
        due = limit;
      }
    }
    LocalDate dayOne = schedule.notifiedAt().atZone(calendar.zone()).toLocalDate();
    Milestone set = new Milestone(milestone, calendar.dayNumber(dayOne, due.atZone(calendar.zone()).toLocalDate()), due, title);
    repository.putMilestone(reference, set);
    return set;
  }

  public Instant dueInstant(String reference, String milestone) {
    return repository.due(reference, milestone).orElseThrow(() -> new IllegalStateException(
        "Inspection " + reference + " has no milestone '" + milestone + "': add it to the theme file the inspection runs on"));
  }

  // camunda:dueDate="${schedule.due(execution, 'ANNEX_A_DUE')}" (or task): the milestone's name.
  private static final Pattern MILESTONE =
      Pattern.compile("schedule\\.due\\(\\s*\\w+\\s*,\\s*'([A-Z][A-Z0-9_]*)'\\s*\\)");

  /** The milestone a model's due date or timer expression names, e.g. ANNEX_A_DUE; empty when it names none. */
  public static Optional<String> milestoneIn(String expression) {
    if (expression == null) {
      return Optional.empty();
    }
    Matcher matcher = MILESTONE.matcher(expression);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  public String milestoneTitle(String reference, String milestone) {
    return repository.find(reference).flatMap(s -> s.milestone(milestone)).map(Milestone::title).orElse(milestone);
  }

  static String referenceOf(Object scope) {
    String reference;
    if (scope instanceof DelegateExecution execution) {
      reference = execution.getProcessBusinessKey();
    } else if (scope instanceof DelegateTask task) {
      reference = task.getExecution() != null ? task.getExecution().getProcessBusinessKey() : null;
    } else {
      throw new IllegalArgumentException("schedule.due needs the execution or task, not " + scope);
    }
    if (reference == null) {
      throw new IllegalStateException("This process runs without an inspection reference (business key); "
          + "called processes must receive it with <camunda:in businessKey=\"#{execution.processBusinessKey}\"/>");
    }
    return reference;
  }
}
