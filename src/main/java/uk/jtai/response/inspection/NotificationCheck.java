package uk.jtai.response.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.CalendarDataMissingException;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.ScheduleCalculator;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.tasks.Submission;

/**
 * The checks on a notification (reference, theme, time), the same for the Tasklist start form and for
 * {@code POST /api/inspections}. Whatever fails is named with its field and the reason.
 */
@Component
public class NotificationCheck {

  public static final String REFERENCE = "reference";
  public static final String THEME = "theme";
  public static final String NOTIFIED_AT = "notifiedAt";

  private final ThemeRegistry themes;
  private final WorkingCalendar calendar;
  private final ScheduleCalculator calculator;
  private final Pattern referencePattern;

  public NotificationCheck(ThemeRegistry themes, WorkingCalendar calendar, ScheduleCalculator calculator,
                           @Value("${jtai.inspection.reference-pattern}") String referencePattern) {
    this.themes = themes;
    this.calendar = calendar;
    this.calculator = calculator;
    this.referencePattern = Pattern.compile(referencePattern);
  }

  /** The checked inspection, or empty with the submission's errors recorded. */
  public Optional<NewInspection> check(Submission submission) {
    String reference = submission.text(REFERENCE, 64);
    if (reference != null && !referencePattern.matcher(reference).matches()) {
      submission.reject(REFERENCE, "'" + reference + "' is not an inspection reference such as JTAI-2027-05-YORK "
          + "(pattern " + referencePattern.pattern() + ")");
      reference = null;
    }
    String themeId = submission.text(THEME, 64);
    Theme theme = null;
    if (themeId != null) {
      theme = themes.find(themeId).orElse(null);
      if (theme == null) {
        submission.reject(THEME, "unknown theme '" + themeId + "'; known themes: " + String.join(", ", themes.ids()));
      }
    }
    Instant notifiedAt = submission.dateTime(NOTIFIED_AT, calendar.zone());
    if (notifiedAt != null && !isWorkingDay(submission, notifiedAt)) {
      notifiedAt = null;
    }
    if (reference == null || theme == null || notifiedAt == null) {
      return Optional.empty();
    }
    InspectionSchedule schedule;
    try {
      schedule = calculator.compute(reference, theme, notifiedAt);
    } catch (CalendarDataMissingException e) {
      submission.reject(NOTIFIED_AT, "the schedule of this inspection runs into " + e.year()
          + ", past the bank holiday data: " + e.getMessage());
      return Optional.empty();
    }
    // A deadline already passed at notification has been moved to the notification plus its usual allowance
    // (ScheduleCalculator): the lead inspector's call decides day 1. Only a theme deadline at or before the
    // start of the working day gives no allowance to move it by.
    for (Milestone milestone : schedule.milestones()) {
      if (!milestone.due().isAfter(notifiedAt)) {
        submission.reject(NOTIFIED_AT, "a notification at " + time(notifiedAt) + " is after the deadline '"
            + milestone.title() + "' (" + time(milestone.due()) + ", working day " + milestone.workingDay()
            + "), which is at or before the start of the working day in the theme file, so it gives no working time "
            + "after a notification; move the deadline in the theme file '" + theme.id() + "'");
        return Optional.empty();
      }
    }
    return Optional.of(new NewInspection(reference, theme, notifiedAt, schedule));
  }

  private boolean isWorkingDay(Submission submission, Instant notifiedAt) {
    LocalDate day = notifiedAt.atZone(calendar.zone()).toLocalDate();
    try {
      Optional<String> why = calendar.whyNotWorking(day);
      why.ifPresent(reason -> submission.reject(NOTIFIED_AT, day + " is not a working day (" + reason
          + "); day 1 of an inspection is the working day the notification arrived"));
      return why.isEmpty();
    } catch (CalendarDataMissingException e) {
      submission.reject(NOTIFIED_AT, e.getMessage());
      return false;
    }
  }

  private String time(Instant instant) {
    return calendar.spoken(instant);
  }
}
