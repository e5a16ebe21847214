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
public class QualityAssureEvidenceForm implements TaskForm {

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
  public void check(DelegateTask task, Submission submission) {
    String outcome = submission.choice(ReadinessVariables.QUALITY_ASSURANCE, List.of(ReadinessVariables.ASSURED, ReadinessVariables.CONCERNS));
    if (ReadinessVariables.CONCERNS.equals(outcome)) {
      submission.text(ReadinessVariables.QUALITY_COMMENTS, 2000);
    } else {
      submission.optionalText(ReadinessVariables.QUALITY_COMMENTS, 2000);
    }
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    boolean assured = ReadinessVariables.ASSURED.equals(submission.value(ReadinessVariables.QUALITY_ASSURANCE));
    String comments = submission.optionalText(ReadinessVariables.QUALITY_COMMENTS, 2000).orElse(null);
    repository.recordQualityAssurance(ThemeReadiness.key(task), ThemeReadiness.agency(task), assured, comments,
        user.id(), EngineTime.now());
  }
}
