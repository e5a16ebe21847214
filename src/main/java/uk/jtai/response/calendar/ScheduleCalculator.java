package uk.jtai.response.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Theme;

/** Turns a theme's (working day, local time) milestones into instants for one notification. */
@Component
public class ScheduleCalculator {

  private final WorkingCalendar calendar;

  public ScheduleCalculator(WorkingCalendar calendar) {
    this.calendar = calendar;
  }

  /**
   * The schedule of an inspection notified at {@code notifiedAt}, whose local date is day 1.
   *
   * <p>The lead inspector's call decides day 1, not the software: a deadline that has already passed when
   * the notification arrives (a call at 12:05 when partners are to be told by 12:00) falls due its usual
   * allowance after the notification instead. The usual allowance is the working time the theme's deadline
   * gives from the start of working day 1 ({@code jtai.calendar.working-hours.start}): "12:00 on day 1" gives
   * three working hours, so a call at 12:05 makes it 15:05. A deadline at or before the start of the
   * working day gives no allowance and stays where it is ({@code inspection/StartInspectionForm} then names it).
   *
   * @throws IllegalArgumentException when day 1 is not a working day
   * @throws CalendarDataMissingException when a deadline falls in a year the bank-holiday data lacks
   */
  public InspectionSchedule compute(String reference, Theme theme, Instant notifiedAt) {
    LocalDate dayOne = notifiedAt.atZone(calendar.zone()).toLocalDate();
    List<Milestone> milestones = theme.milestones().stream()
        .map(m -> {
          Instant due = calendar.at(dayOne, m.day(), m.time()).toInstant();
          if (!due.isAfter(notifiedAt)) {
            return afterLateNotification(dayOne, notifiedAt, due, m);
          }
          return new Milestone(m.name(), m.day(), due, m.title());
        })
        .sorted(Comparator.comparing(Milestone::due).thenComparing(Milestone::name))
        .toList();
    return new InspectionSchedule(reference, theme.id(), notifiedAt, milestones);
  }

  /** A deadline already passed at notification: the notification plus the allowance the deadline usually gives. */
  private Milestone afterLateNotification(LocalDate dayOne, Instant notifiedAt, Instant usualDue,
                                          Theme.MilestoneDefinition definition) {
    Duration allowance = usualAllowance(dayOne, usualDue);
    Instant due = calendar.addWorkingTime(notifiedAt, allowance);
    if (!due.isAfter(notifiedAt)) {
      return new Milestone(definition.name(), definition.day(), usualDue, definition.title());
    }
    int day = calendar.dayNumber(dayOne, due.atZone(calendar.zone()).toLocalDate());
    return new Milestone(definition.name(), day, due, definition.title());
  }

  /** The working time from the start of working day 1 to where the deadline usually falls. */
  public Duration usualAllowance(LocalDate dayOne, Instant usualDue) {
    return calendar.workingTimeBetween(calendar.startOfWork(dayOne), usualDue);
  }
}
