package uk.jtai.response.benchmarking;

import java.time.Instant;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of benchmarking ({@code forms/start-benchmarking.form}): a known theme with evaluation
 * criteria, where the template is, and a deadline ahead (guidance 8.2 to 8.4).
 */
@Component
public class StartBenchmarkingForm implements StartForm<StartBenchmarkingForm.Submitted> {

  /** The theme's id, the template's location, the deadline for the agencies' returns; null if refused. */
  public record Submitted(String theme, String templateLocation, Instant benchmarkingDue) {}

  private final ThemeRegistry themes;
  private final WorkingCalendar calendar;

  public StartBenchmarkingForm(ThemeRegistry themes, WorkingCalendar calendar) {
    this.themes = themes;
    this.calendar = calendar;
  }

  @Override
  public String formId() {
    return "start-benchmarking";
  }

  @Override
  public Submitted read(Submission submission) {
    String themeId = submission.text(Submitted::theme, 64);
    Theme theme = themeId == null ? null : themes.find(themeId).orElse(null);
    if (themeId != null && theme == null) {
      submission.reject(Submitted::theme, "unknown theme '" + themeId + "'; known themes: " + String.join(", ", themes.ids()));
    }
    if (theme != null && theme.evaluationCriteria().isEmpty()) {
      submission.reject(Submitted::theme, "the theme file of '" + theme.name() + "' has no evaluation criteria yet: copy them "
          + "from the inspection framework into its evaluation-criteria first");
      theme = null;
    }
    String location = submission.text(Submitted::templateLocation, 300);
    Instant due = submission.dateTime(Submitted::benchmarkingDue, calendar.zone());
    if (due != null && !due.isAfter(EngineTime.now())) {
      submission.reject(Submitted::benchmarkingDue, "must be ahead of now");
      due = null;
    }
    return new Submitted(theme == null ? null : theme.id(), location, due);
  }
}
