package uk.jtai.response.readiness;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of theme-readiness ({@code forms/start-theme-readiness.form}): a known theme that lists
 * documentary evidence for every statutory partner (guidance 7.3) and has no readiness running yet, where
 * the filing structure is, and a deadline ahead.
 */
@Component
public class StartThemeReadinessForm implements StartForm<StartThemeReadinessForm.Submitted> {

  /** The theme's id, the filing structure's location, the deadline for the first checklists; null if refused. */
  public record Submitted(String theme, String evidenceLocation, Instant readinessDue) {}

  private final ThemeRegistry themes;
  private final Partnership partnership;
  private final ReadinessRepository repository;
  private final WorkingCalendar calendar;

  public StartThemeReadinessForm(ThemeRegistry themes, Partnership partnership, ReadinessRepository repository,
                                 WorkingCalendar calendar) {
    this.themes = themes;
    this.partnership = partnership;
    this.repository = repository;
    this.calendar = calendar;
  }

  @Override
  public String formId() {
    return "start-theme-readiness";
  }

  @Override
  public Submitted read(Submission submission) {
    Theme theme = theme(submission);
    String location = submission.text(Submitted::evidenceLocation, 300);
    Instant due = submission.dateTime(Submitted::readinessDue, calendar.zone());
    if (due != null && !due.isAfter(EngineTime.now())) {
      submission.reject(Submitted::readinessDue, "must be ahead of now");
      due = null;
    }
    if (theme != null) {
      List<String> without = partnership.statutoryPartners().stream().map(Agency::id)
          .filter(agency -> theme.evidenceFor(agency).isEmpty()).map(partnership::agencyName).toList();
      if (!without.isEmpty()) {
        submission.reject(Submitted::theme, "the theme file of '" + theme.name() + "' lists no documentary evidence for "
            + String.join(", ", without) + " (statutory partners always provide it, guidance 7.3): complete its evidence-documents");
      }
      repository.openRunOf(theme.id()).ifPresent(open -> submission.reject(Submitted::theme,
          "readiness for '" + theme.name() + "' is already running (" + open + "); close that one first"));
    }
    return new Submitted(theme == null || submission.rejected(Submitted::theme) ? null : theme.id(), location, due);
  }

  /** The theme the form names, or null with the reason recorded. */
  private Theme theme(Submission submission) {
    String id = submission.text(Submitted::theme, 64);
    if (id == null) {
      return null;
    }
    Theme theme = themes.find(id).orElse(null);
    if (theme == null) {
      submission.reject(Submitted::theme, "unknown theme '" + id + "'; known themes: " + String.join(", ", themes.ids()));
    }
    return theme;
  }
}
