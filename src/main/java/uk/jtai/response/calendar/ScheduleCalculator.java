package uk.jtai.response.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
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
   * @throws IllegalArgumentException when day 1 is not a working day
   * @throws CalendarDataMissingException when a deadline falls in a year the bank-holiday data lacks
   */
  public InspectionSchedule compute(String reference, Theme theme, Instant notifiedAt) {
    LocalDate dayOne = notifiedAt.atZone(calendar.zone()).toLocalDate();
    List<Milestone> milestones = theme.milestones().stream()
        .map(m -> {
          ZonedDateTime due = calendar.at(dayOne, m.day(), m.time());
          return new Milestone(m.name(), m.day(), due.toInstant(), m.title());
        })
        .sorted(Comparator.comparing(Milestone::due).thenComparing(Milestone::name))
        .toList();
    return new InspectionSchedule(reference, theme.id(), notifiedAt, milestones);
  }
}
