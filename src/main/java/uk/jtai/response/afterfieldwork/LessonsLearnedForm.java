package uk.jtai.response.afterfieldwork;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/lessons-learned.form: the Business Unit holds the lessons-learned debrief; this closes the inspection. */
@Component
public class LessonsLearnedForm implements TaskForm<LessonsLearnedForm.Submitted> {

  public record Submitted(Instant debriefHeldAt, String lessonsLocation) {}

  private final Inspections inspections;

  public LessonsLearnedForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "lessons-learned";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(inspections.happenedSinceNotification(submission, task, Submitted::debriefHeldAt),
        submission.text(Submitted::lessonsLocation, 300));
  }
}
