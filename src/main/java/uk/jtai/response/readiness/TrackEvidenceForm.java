package uk.jtai.response.readiness;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/track-evidence.form: the Business Unit's standing view of what documentary evidence is missing.
 * Completing it closes readiness for the theme, so it asks for that to be meant and why.
 */
@Component
public class TrackEvidenceForm implements TaskForm<TrackEvidenceForm.Submitted> {

  public record Submitted(boolean closeReadiness, String closeReason) {}

  private final ReadinessRepository repository;

  public TrackEvidenceForm(ReadinessRepository repository) {
    this.repository = repository;
  }

  @Override
  public String formId() {
    return "track-evidence";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::closeReadiness,
            "tick it only to close readiness for this theme (for example when a new theme is announced); until then leave the task open"),
        submission.text(Submitted::closeReason, 2000));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    repository.close(ThemeReadiness.key(task), submitted.closeReason(), EngineTime.now());
  }
}
