package uk.jtai.response.rehearsal;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/end-rehearsal.form: the Business Unit ends a rehearsal, which deletes it and its data. */
@Component
public class EndRehearsalForm implements TaskForm<EndRehearsalForm.Submitted> {

  public record Submitted(boolean endRehearsal) {}

  @Override
  public String formId() {
    return "end-rehearsal";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.requireTrue(Submitted::endRehearsal,
        "tick to end the rehearsal: its tasks, answers and child-level data are deleted"));
  }
}
