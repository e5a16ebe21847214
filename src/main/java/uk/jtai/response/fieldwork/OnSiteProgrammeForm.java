package uk.jtai.response.fieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-on-site-programme.form: on day 9 senior leaders and the lead inspector agree the on-site
 * programme, prepared by the LA Inspection Manager (guidance section 12 and the week 2 flowchart).
 */
@Component
public class OnSiteProgrammeForm implements TaskForm<OnSiteProgrammeForm.Submitted> {

  public record Submitted(Instant programmeAgreedAt, String programmeLocation, String programmeNotes) {}

  private final Inspections inspections;

  public OnSiteProgrammeForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-on-site-programme";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        inspections.happenedSinceNotification(submission, task, Submitted::programmeAgreedAt),
        submission.text(Submitted::programmeLocation, 300),
        submission.optionalText(Submitted::programmeNotes, 2000).orElse(null));
  }
}
