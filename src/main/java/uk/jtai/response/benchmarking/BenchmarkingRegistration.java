package uk.jtai.response.benchmarking;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.BetweenInspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskNaming;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of benchmarking ({@code ${benchmarkingRegistration}}): checks the Business Unit's start
 * form (a known theme with evaluation criteria, where the template is, a deadline ahead, guidance 8.2
 * to 8.4), makes the business key and records the self-assessment, in the start's transaction.
 */
@Component("benchmarkingRegistration")
public class BenchmarkingRegistration implements ExecutionListener {

  static final String THEME = "theme";

  private final ThemeRegistry themes;
  private final BenchmarkingRepository repository;
  private final BetweenInspections between;
  private final WorkingCalendar calendar;
  private final CurrentUser user;

  public BenchmarkingRegistration(ThemeRegistry themes, BenchmarkingRepository repository, BetweenInspections between,
                                  WorkingCalendar calendar, CurrentUser user) {
    this.themes = themes;
    this.repository = repository;
    this.between = between;
    this.calendar = calendar;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    String themeId = submission.text(THEME, 64);
    Theme theme = themeId == null ? null : themes.find(themeId).orElse(null);
    if (themeId != null && theme == null) {
      submission.reject(THEME, "unknown theme '" + themeId + "'; known themes: " + String.join(", ", themes.ids()));
    }
    if (theme != null && theme.evaluationCriteria().isEmpty()) {
      submission.reject(THEME, "the theme file of '" + theme.name() + "' has no evaluation criteria yet: copy them from the "
          + "inspection framework into its evaluation-criteria first");
    }
    String location = submission.text(BenchmarkingVariables.TEMPLATE_LOCATION.name(), 300);
    Instant due = submission.dateTime(BenchmarkingVariables.BENCHMARKING_DUE.name(), calendar.zone());
    if (due != null && !due.isAfter(EngineTime.now())) {
      submission.reject(BenchmarkingVariables.BENCHMARKING_DUE.name(), "must be ahead of now");
    }
    submission.verdict();

    String key = between.newKey("BENCHMARKING", theme.id());
    execution.setProcessBusinessKey(key);
    Standing.REFERENCE.set(execution, key);
    Standing.THEME.set(execution, theme.id());
    Standing.THEME_NAME.set(execution, theme.name());
    TaskNaming.DESCRIPTION.set(execution, "Between inspections: benchmarking self-assessment on the theme '" + theme.name()
        + "' (" + key + ")");
    BenchmarkingVariables.BENCHMARKING_DUE.set(execution, Date.from(due));
    BenchmarkingVariables.TEMPLATE_LOCATION.set(execution, location);
    repository.insert(key, theme.id(), due, location, user.id(), EngineTime.now());
  }
}
