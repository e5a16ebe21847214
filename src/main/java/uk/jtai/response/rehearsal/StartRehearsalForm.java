package uk.jtai.response.rehearsal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.readiness.ThemeReadiness;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of the rehearsal process ({@code forms/start-rehearsal.form}), also what {@code POST
 * /api/rehearsals} sends: both fields optional. Without a theme the rehearsal takes the theme whose
 * readiness is running; without a time, day 1 starts at 09:00 on the next working day. The record holds
 * the theme and day 1 the rehearsal will have.
 */
@Component
public class StartRehearsalForm implements StartForm<StartRehearsalForm.Submitted> {

  /** The theme (given, or the current one) and day 1 (given, or the next working morning); null if refused. */
  public record Submitted(String theme, Instant notifiedAt) {}

  public static final String THEME = Key.nameOf(Submitted::theme);
  public static final String NOTIFIED_AT = Key.nameOf(Submitted::notifiedAt);

  private final ThemeRegistry themes;
  private final ThemeReadiness readiness;
  private final WorkingCalendar calendar;

  public StartRehearsalForm(ThemeRegistry themes, ThemeReadiness readiness, WorkingCalendar calendar) {
    this.themes = themes;
    this.readiness = readiness;
    this.calendar = calendar;
  }

  @Override
  public String formId() {
    return "start-rehearsal";
  }

  @Override
  public Submitted read(Submission submission) {
    Theme theme = theme(submission);
    Instant dayOne = submission.optionalText(Submitted::notifiedAt, 64)
        .map(text -> submission.parseDateTime(NOTIFIED_AT, text, calendar.zone()))
        .orElseGet(() -> submission.rejected(Submitted::notifiedAt) ? null : nextWorkingDayMorning());
    return new Submitted(theme == null ? null : theme.id(), dayOne);
  }

  private Theme theme(Submission submission) {
    Optional<String> id = submission.optionalText(Submitted::theme, 64);
    if (id.isPresent()) {
      Theme theme = themes.find(id.get()).orElse(null);
      if (theme == null) {
        submission.reject(Submitted::theme, "unknown theme '" + id.get() + "'; known themes: " + String.join(", ", themes.ids()));
      }
      return theme;
    }
    if (submission.rejected(Submitted::theme)) {
      return null;
    }
    Optional<String> current = readiness.currentTheme();
    if (current.isEmpty()) {
      submission.reject(Submitted::theme, "no theme readiness is running, so there is no current theme: choose the theme to rehearse");
      return null;
    }
    return themes.theme(current.get());
  }

  private Instant nextWorkingDayMorning() {
    LocalDate today = EngineTime.now().atZone(calendar.zone()).toLocalDate();
    return calendar.startOfWork(calendar.nextWorkingDay(today));
  }
}
