package uk.jtai.response.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
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
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of jtai-inspection ({@code forms/start-inspection.form}): the lead inspector's notification
 * (reference, theme, time), read and checked the same for the Tasklist start form, for {@code POST
 * /api/inspections} and for a rehearsal's inspection. Whatever fails is named with its field and the reason.
 */
@Component
public class StartInspectionForm implements StartForm<StartInspectionForm.Submitted> {

  /**
   * A notification read and checked: a field that was refused is null. {@code healthProviders}: the health
   * providers of the partnership file CQC named to take part (ids; empty when none or not yet known).
   */
  public record Submitted(String reference, String theme, Instant notifiedAt, List<String> healthProviders) {

    public Submitted(String reference, String theme, Instant notifiedAt) {
      this(reference, theme, notifiedAt, List.of());
    }
  }

  public static final String REFERENCE = Key.nameOf(Submitted::reference);
  public static final String THEME = Key.nameOf(Submitted::theme);
  public static final String NOTIFIED_AT = Key.nameOf(Submitted::notifiedAt);
  public static final String HEALTH_PROVIDERS = Key.nameOf(Submitted::healthProviders);

  private final ThemeRegistry themes;
  private final WorkingCalendar calendar;
  private final ScheduleCalculator calculator;
  private final Pattern referencePattern;
  private final Partnership partnership;

  public StartInspectionForm(ThemeRegistry themes, WorkingCalendar calendar, ScheduleCalculator calculator,
                           @Value("${jtai.inspection.reference-pattern}") String referencePattern, Partnership partnership) {
    this.themes = themes;
    this.partnership = partnership;
    this.calendar = calendar;
    this.calculator = calculator;
    this.referencePattern = Pattern.compile(referencePattern);
  }

  @Override
  public String formId() {
    return "start-inspection";
  }

  @Override
  public Submitted read(Submission submission) {
    String reference = submission.text(Submitted::reference, 64);
    if (reference != null && !referencePattern.matcher(reference).matches()) {
      submission.reject(Submitted::reference, "'" + reference + "' is not an inspection reference such as JTAI-2027-05-YORK "
          + "(pattern " + referencePattern.pattern() + ")");
      reference = null;
    }
    String themeId = submission.text(Submitted::theme, 64);
    Theme theme = null;
    if (themeId != null) {
      theme = themes.find(themeId).orElse(null);
      if (theme == null) {
        submission.reject(Submitted::theme, "unknown theme '" + themeId + "'; known themes: " + String.join(", ", themes.ids()));
      }
    }
    Instant notifiedAt = submission.dateTime(Submitted::notifiedAt, calendar.zone());
    if (notifiedAt != null && !isWorkingDay(submission, notifiedAt)) {
      notifiedAt = null;
    }
    if (reference != null && theme != null && notifiedAt != null && !scheduleFits(submission, reference, theme, notifiedAt)) {
      notifiedAt = null;
    }
    return new Submitted(reference, theme == null ? null : theme.id(), notifiedAt,
        providers(submission, submission.json(Submitted::healthProviders), partnership, Submitted::healthProviders));
  }

  /**
   * A choice of health providers (a Camunda Forms checklist: a list of agency ids), each a provider of the
   * partnership file, in the file's order, without repeats; an unknown one is refused, naming those known.
   */
  public static <R extends Record> List<String> providers(Submission submission, JsonNode chosen, Partnership partnership,
                                                          Key<R> field) {
    if (chosen == null || chosen.isNull()) {
      return List.of();
    }
    if (!chosen.isArray()) {
      submission.reject(field, "must be a list of health providers");
      return List.of();
    }
    List<String> known = partnership.providers().stream().map(Agency::id).toList();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (JsonNode one : chosen) {
      String id = one.asText("").strip();
      if (!one.isTextual() || !known.contains(id)) {
        submission.reject(field, "'" + one.asText() + "' is not a health provider of the partnership; known: "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
        return List.of();
      }
      ids.add(id);
    }
    return known.stream().filter(ids::contains).toList();
  }

  /** The inspection a notification that passed {@link #read} gives, with its schedule. */
  public NewInspection inspection(Submitted notification) {
    Theme theme = themes.theme(notification.theme());
    return new NewInspection(notification.reference(), theme, notification.notifiedAt(),
        calculator.compute(notification.reference(), theme, notification.notifiedAt()));
  }

  /** Whether every deadline of the inspection falls after the notification and within the calendar data. */
  private boolean scheduleFits(Submission submission, String reference, Theme theme, Instant notifiedAt) {
    InspectionSchedule schedule;
    try {
      schedule = calculator.compute(reference, theme, notifiedAt);
    } catch (CalendarDataMissingException e) {
      submission.reject(Submitted::notifiedAt, "the schedule of this inspection runs into " + e.year()
          + ", past the bank holiday data: " + e.getMessage());
      return false;
    }
    // A deadline already passed at notification has been moved to the notification plus its usual allowance
    // (ScheduleCalculator): the lead inspector's call decides day 1. Only a theme deadline at or before the
    // start of the working day gives no allowance to move it by.
    for (Milestone milestone : schedule.milestones()) {
      if (!milestone.due().isAfter(notifiedAt)) {
        submission.reject(Submitted::notifiedAt, "a notification at " + time(notifiedAt) + " is after the deadline '"
            + milestone.title() + "' (" + time(milestone.due()) + ", working day " + milestone.workingDay()
            + "), which is at or before the start of the working day in the theme file, so it gives no working time "
            + "after a notification; move the deadline in the theme file '" + theme.id() + "'");
        return false;
      }
    }
    return true;
  }

  private boolean isWorkingDay(Submission submission, Instant notifiedAt) {
    LocalDate day = notifiedAt.atZone(calendar.zone()).toLocalDate();
    try {
      Optional<String> why = calendar.whyNotWorking(day);
      why.ifPresent(reason -> submission.reject(Submitted::notifiedAt, day + " is not a working day (" + reason
          + "); day 1 of an inspection is the working day the notification arrived"));
      return why.isEmpty();
    } catch (CalendarDataMissingException e) {
      submission.reject(Submitted::notifiedAt, e.getMessage());
      return false;
    }
  }

  private String time(Instant instant) {
    return calendar.spoken(instant);
  }
}
