package uk.jtai.response.benchmarking;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/analyse-benchmarking.form: the Business Unit has analysed the returns into the presentation
 * senior leaders use on the first day on site (guidance 8.4, 13) and says where it is saved (a location,
 * never the presentation). Going on without an agency's return is said, not assumed.
 */
@Component
public class AnalyseBenchmarkingForm implements TaskForm<AnalyseBenchmarkingForm.Submitted> {

  public record Submitted(String presentationReference, boolean proceedWithoutAll) {}

  private final Benchmarking benchmarking;
  private final BenchmarkingRepository repository;
  private final CurrentUser user;

  public AnalyseBenchmarkingForm(Benchmarking benchmarking, BenchmarkingRepository repository, CurrentUser user) {
    this.benchmarking = benchmarking;
    this.repository = repository;
    this.user = user;
  }

  @Override
  public String formId() {
    return "analyse-benchmarking";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String presentation = submission.text(Submitted::presentationReference, 300);
    boolean proceed = submission.flag(Submitted::proceedWithoutAll);
    String missing = benchmarking.missing(task);
    if (!missing.isEmpty() && !proceed) {
      submission.reject(Submitted::proceedWithoutAll, "not every agency has returned its ratings (" + missing
          + "): wait for them, or tick to go on without them");
    }
    return new Submitted(presentation, proceed);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    repository.recordPresentation(Benchmarking.key(task), submitted.presentationReference(), user.id(), EngineTime.now());
  }
}
