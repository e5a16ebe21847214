package uk.jtai.response.fieldwork;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/** forms/update-context-presentation.form: the context presentation is checked and updated before day 11. */
@Component
public class UpdateContextPresentationForm implements TaskForm<UpdateContextPresentationForm.Submitted> {

  public record Submitted(String presentationLocation, boolean presentationUpdated) {}

  private final Fieldwork fieldwork;
  private final CurrentUser user;

  public UpdateContextPresentationForm(Fieldwork fieldwork, CurrentUser user) {
    this.fieldwork = fieldwork;
    this.user = user;
  }

  @Override
  public String formId() {
    return "update-context-presentation";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    boolean updated = submission.requireTrue(Submitted::presentationUpdated,
        "confirm the presentation was checked and updated for this inspection");
    return new Submitted(submission.text(Submitted::presentationLocation, 300), updated);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    fieldwork.recordPresentation(task, submitted.presentationLocation(), user.id());
  }
}
