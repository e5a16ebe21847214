package uk.jtai.response.readiness;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/quality-assure-evidence.form: another agency quality-assures an agency's documentary evidence
 * (guidance 7.10): assured, or the concerns, which go back to the agency with its checklist.
 */
@Component
public class QualityAssureEvidenceForm implements TaskForm<QualityAssureEvidenceForm.Submitted> {

  static final String ASSURED = "assured";
  static final String CONCERNS = "concerns";

  /** @param qualityComments required with concerns, optional when assured */
  public record Submitted(String qualityAssurance, String qualityComments) {}

  private final ReadinessRepository repository;
  private final CurrentUser user;

  public QualityAssureEvidenceForm(ReadinessRepository repository, CurrentUser user) {
    this.repository = repository;
    this.user = user;
  }

  @Override
  public String formId() {
    return "quality-assure-evidence";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String outcome = submission.choice(Submitted::qualityAssurance, List.of(ASSURED, CONCERNS));
    String comments = CONCERNS.equals(outcome)
        ? submission.text(Submitted::qualityComments, 2000)
        : submission.optionalText(Submitted::qualityComments, 2000).orElse(null);
    return new Submitted(outcome, comments);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    repository.recordQualityAssurance(ThemeReadiness.key(task), ThemeReadiness.agency(task),
        ASSURED.equals(submitted.qualityAssurance()), submitted.qualityComments(), user.id(), EngineTime.now());
  }
}
