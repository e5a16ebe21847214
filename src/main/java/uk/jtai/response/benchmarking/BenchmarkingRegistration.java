package uk.jtai.response.benchmarking;

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
 * Start listener of benchmarking ({@code ${benchmarkingRegistration}}): reads the Business Unit's start
 * form once ({@link StartBenchmarkingForm}), makes the business key and records the self-assessment, in
 * the start's transaction.
 */
@Component("benchmarkingRegistration")
public class BenchmarkingRegistration implements ExecutionListener {

  private final StartBenchmarkingForm form;
  private final ThemeRegistry themes;
  private final BenchmarkingRepository repository;
  private final BetweenInspections between;
  private final CurrentUser user;

  public BenchmarkingRegistration(StartBenchmarkingForm form, ThemeRegistry themes, BenchmarkingRepository repository,
                                  BetweenInspections between, CurrentUser user) {
    this.form = form;
    this.themes = themes;
    this.repository = repository;
    this.between = between;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    StartBenchmarkingForm.Submitted start = form.read(submission);
    submission.verdict();

    Theme theme = themes.theme(start.theme());
    String key = between.newKey("BENCHMARKING", theme.id());
    execution.setProcessBusinessKey(key);
    Standing.REFERENCE.set(execution, key);
    Standing.THEME.set(execution, theme.id());
    Standing.THEME_NAME.set(execution, theme.name());
    TaskNaming.DESCRIPTION.set(execution, "Between inspections: benchmarking self-assessment on the theme '" + theme.name()
        + "' (" + key + ")");
    BenchmarkingVariables.BENCHMARKING_DUE.set(execution, Date.from(start.benchmarkingDue()));
    BenchmarkingVariables.TEMPLATE_LOCATION.set(execution, start.templateLocation());
    repository.insert(key, theme.id(), start.benchmarkingDue(), start.templateLocation(), user.id(), EngineTime.now());
  }
}
