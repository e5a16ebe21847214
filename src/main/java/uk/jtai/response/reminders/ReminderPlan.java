package uk.jtai.response.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.CalendarProperties;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;

/**
 * When a task's reminders and deadline escalation fall: the theme's reminders for the task's milestone
 * (else {@code jtai.reminders.before}) counted back from its due date, keeping only those after now
 * (never before the task exists), before the deadline and inside working hours on a working day; and,
 * unless the model escalates the task itself, an escalation at the deadline.
 */
@Component
public class ReminderPlan {

  public enum Kind { REMINDER, DEADLINE }

  public record Planned(Kind kind, Instant sendAt) {}

  private final WorkingCalendar calendar;
  private final LocalTime workStart;
  private final LocalTime workEnd;
  private final ScheduleRepository schedules;
  private final ThemeRegistry themes;
  private final ReminderProperties properties;

  public ReminderPlan(WorkingCalendar calendar, CalendarProperties calendarProperties, ScheduleRepository schedules,
                      ThemeRegistry themes, ReminderProperties properties) {
    this.calendar = calendar;
    this.workStart = calendarProperties.workingHours().start();
    this.workEnd = calendarProperties.workingHours().end();
    this.schedules = schedules;
    this.themes = themes;
    this.properties = properties;
  }

  public List<Planned> plan(TaskDeadline task, Instant now) {
    List<Planned> planned = new ArrayList<>();
    for (Duration before : remindersBefore(task)) {
      Instant at = before(task.due(), before);
      if (at.isAfter(now) && at.isBefore(task.due()) && inWorkingHours(at)
          && planned.stream().noneMatch(p -> p.sendAt().equals(at))) {
        planned.add(new Planned(Kind.REMINDER, at));
      }
    }
    if (!task.escalatedByModel()) {
      planned.add(new Planned(Kind.DEADLINE, task.due()));
    }
    planned.sort(Comparator.comparing(Planned::sendAt));
    return planned;
  }

  /** The theme's reminders for the task's milestone, or the configured default. */
  List<Duration> remindersBefore(TaskDeadline task) {
    if (task.milestone() == null) {
      return properties.before();
    }
    return schedules.find(task.reference())
        .flatMap(schedule -> themes.find(schedule.theme()))
        .flatMap(theme -> theme.milestone(task.milestone()))
        .flatMap(Theme.MilestoneDefinition::ownReminders)
        .orElse(properties.before());
  }

  /** Whole days are working days back at the same local time; the rest is clock time. */
  Instant before(Instant due, Duration before) {
    ZonedDateTime local = due.atZone(calendar.zone());
    LocalDate day = local.toLocalDate();
    for (long i = 0; i < before.toDays(); i++) {
      day = day.minusDays(1);
      while (!calendar.isWorkingDay(day)) {
        day = day.minusDays(1);
      }
    }
    return ZonedDateTime.of(day, local.toLocalTime(), calendar.zone()).toInstant().minus(before.minusDays(before.toDays()));
  }

  /** On a working day, from the start to the end of working hours (a reminder at 17:00 is in). */
  boolean inWorkingHours(Instant instant) {
    ZonedDateTime local = instant.atZone(calendar.zone());
    LocalTime time = local.toLocalTime();
    return calendar.isWorkingDay(local.toLocalDate()) && !time.isBefore(workStart) && !time.isAfter(workEnd);
  }
}
