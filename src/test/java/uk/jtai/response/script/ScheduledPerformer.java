package uk.jtai.response.script;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;

/**
 * A performer on a running service: the time is the engine clock's, the milestones are the inspection's
 * stored schedule and the working days the product's own calendar. What differs between the process tests,
 * the demo users and the benchmark is only how a step is done.
 */
public abstract class ScheduledPerformer implements InspectionScript.Performer {

  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;

  protected ScheduledPerformer(ScheduleRepository schedules, WorkingCalendar calendar) {
    this.schedules = schedules;
    this.calendar = calendar;
  }

  @Override
  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public Instant milestone(String reference, String name) {
    return schedules.due(reference, name).orElseThrow(() -> new AssertionError("no milestone " + name + " of " + reference));
  }

  @Override
  public LocalDate nextWorkingDay(LocalDate day) {
    return calendar.nextWorkingDay(day);
  }

  @Override
  public ZoneId zone() {
    return calendar.zone();
  }
}
