package uk.jtai.response.readiness;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.BetweenInspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskNaming;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of theme-readiness ({@code ${readinessRegistration}}): reads the Business Unit's start
 * form once ({@link StartThemeReadinessForm}), makes the business key, and records the run and each
 * agency's checklist, all in the start's transaction: a refused start leaves nothing.
 */
@Component("readinessRegistration")
public class ReadinessRegistration implements ExecutionListener {

  private final StartThemeReadinessForm form;
  private final ThemeRegistry themes;
  private final ReadinessRepository repository;
  private final BetweenInspections between;
  private final ReadinessProperties properties;
  private final CurrentUser user;

  public ReadinessRegistration(StartThemeReadinessForm form, ThemeRegistry themes, ReadinessRepository repository,
                               BetweenInspections between, ReadinessProperties properties, CurrentUser user) {
    this.form = form;
    this.themes = themes;
    this.repository = repository;
    this.between = between;
    this.properties = properties;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    StartThemeReadinessForm.Submitted start = form.read(submission);
    submission.verdict();

    Theme theme = themes.theme(start.theme());
    String key = between.newKey("READINESS", theme.id());
    execution.setProcessBusinessKey(key);
    Standing.REFERENCE.set(execution, key);
    Standing.THEME.set(execution, theme.id());
    Standing.THEME_NAME.set(execution, theme.name());
    TaskNaming.DESCRIPTION.set(execution, "Between inspections: documentary evidence for the theme '" + theme.name() + "' (" + key + ")");
    ReadinessVariables.READINESS_DUE.set(execution, Date.from(start.readinessDue()));
    ReadinessVariables.EVIDENCE_LOCATION.set(execution, start.evidenceLocation());
    ReadinessVariables.RECHECK_CYCLE.set(execution, properties.recheckCycle());
    repository.insertRun(key, theme, start.evidenceLocation(), user.id(), EngineTime.now());
  }
}
