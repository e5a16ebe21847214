package uk.jtai.response.simulation;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleCalculator;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.digest.DailyDigest;
import uk.jtai.response.digest.DigestProperties;
import uk.jtai.response.movedeadline.ScheduleMover;
import uk.jtai.response.notify.OutboxSender;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.reminders.ReminderSender;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestSmtp;

/**
 * What the whole-inspection simulations share: a real SMTP server, the beans that move an inspection through its
 * weeks, and {@link #begin}, which plans one inspection of a theme and the clock that drives it
 * ({@link InspectionClock}). Each simulation keeps its own in-memory database and engine (its own
 * {@code @TestPropertySource}), so the inspections it leaves running meet no other test's.
 */
abstract class SimulationSupport extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(TestSmtp.setup());

  /** A Monday; the whole timetable follows from it through the theme file and the working calendar. */
  static final String NOTIFIED_AT = "2027-05-24T09:10:00+01:00";

  @Autowired Partnership partnership;
  @Autowired ThemeRegistry themes;
  @Autowired ScheduleCalculator calculator;
  @Autowired ScheduleRepository schedules;
  @Autowired ScheduleMover models;
  @Autowired WorkingCalendar calendar;
  @Autowired ReminderSender reminderSender;
  @Autowired DailyDigest digest;
  @Autowired DigestProperties digestProperties;
  @Autowired OutboxSender outboxSender;

  AsDemoUsers demo;
  InspectionClock clock;
  InspectionSchedule planned;
  String reference;

  /** A new inspection of the theme notified at {@link #NOTIFIED_AT}: its reference, its planned schedule, its clock. */
  Instant begin(Theme theme) {
    reference = newReference();
    Instant notifiedAt = instant(NOTIFIED_AT);
    planned = calculator.compute(reference, theme, notifiedAt);
    demo = new AsDemoUsers(engine, partnership);
    clock = new InspectionClock(engine, jdbc, schedules, models, reminderSender, digest, outboxSender,
        digestProperties.time(), calendar.zone(), reference);
    return notifiedAt;
  }
}
