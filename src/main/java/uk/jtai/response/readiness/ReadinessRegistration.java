package uk.jtai.response.readiness;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.BetweenInspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskNaming;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of theme-readiness ({@code ${readinessRegistration}}): checks the Business Unit's start
 * form (a known theme that lists documentary evidence for every statutory partner, where the filing
 * structure is, a deadline ahead), makes the business key, and records the run and each agency's
 * checklist, all in the start's transaction: a refused start leaves nothing.
 */
@Component("readinessRegistration")
public class ReadinessRegistration implements ExecutionListener {

  public static final String THEME = "theme";

  private final ThemeRegistry themes;
  private final Partnership partnership;
  private final ReadinessRepository repository;
  private final BetweenInspections between;
  private final ReadinessProperties properties;
  private final WorkingCalendar calendar;
  private final CurrentUser user;

  public ReadinessRegistration(ThemeRegistry themes, Partnership partnership, ReadinessRepository repository,
                               BetweenInspections between, ReadinessProperties properties, WorkingCalendar calendar, CurrentUser user) {
    this.themes = themes;
    this.partnership = partnership;
    this.repository = repository;
    this.between = between;
    this.properties = properties;
    this.calendar = calendar;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    Theme theme = theme(submission, themes);
    String location = submission.text(ReadinessVariables.EVIDENCE_LOCATION.name(), 300);
    Instant due = submission.dateTime(ReadinessVariables.READINESS_DUE.name(), calendar.zone());
    if (due != null && !due.isAfter(EngineTime.now())) {
      submission.reject(ReadinessVariables.READINESS_DUE.name(), "must be ahead of now");
    }
    if (theme != null) {
      List<String> without = partnership.statutoryPartners().stream().map(Agency::id)
          .filter(agency -> theme.evidenceFor(agency).isEmpty()).map(partnership::agencyName).toList();
      if (!without.isEmpty()) {
        submission.reject(THEME, "the theme file of '" + theme.name() + "' lists no documentary evidence for "
            + String.join(", ", without) + " (statutory partners always provide it, guidance 7.3): complete its evidence-documents");
      }
      repository.openRunOf(theme.id()).ifPresent(open -> submission.reject(THEME,
          "readiness for '" + theme.name() + "' is already running (" + open + "); close that one first"));
    }
    submission.verdict();

    String key = between.newKey("READINESS", theme.id());
    execution.setProcessBusinessKey(key);
    Standing.REFERENCE.set(execution, key);
    Standing.THEME.set(execution, theme.id());
    Standing.THEME_NAME.set(execution, theme.name());
    TaskNaming.DESCRIPTION.set(execution, "Between inspections: documentary evidence for the theme '" + theme.name() + "' (" + key + ")");
    ReadinessVariables.READINESS_DUE.set(execution, Date.from(due));
    ReadinessVariables.EVIDENCE_LOCATION.set(execution, location);
    ReadinessVariables.RECHECK_CYCLE.set(execution, properties.recheckCycle());
    repository.insertRun(key, theme, location, user.id(), EngineTime.now());
  }

  /** The theme the form names, or null with the reason recorded. */
  static Theme theme(Submission submission, ThemeRegistry themes) {
    String id = submission.text(THEME, 64);
    if (id == null) {
      return null;
    }
    Theme theme = themes.find(id).orElse(null);
    if (theme == null) {
      submission.reject(THEME, "unknown theme '" + id + "'; known themes: " + String.join(", ", themes.ids()));
    }
    return theme;
  }
}
