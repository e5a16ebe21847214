package uk.jtai.response.fieldwork;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/name-kit-leader.form: an agency names the senior leader who attends the Keeping in Touch meeting. */
@Component
public class NameKitLeaderForm implements TaskForm<NameKitLeaderForm.Submitted> {

  public record Submitted(String kitLeaderName, String kitLeaderRole) {}

  @Override
  public String formId() {
    return "name-kit-leader";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.text(Submitted::kitLeaderName, 120), submission.text(Submitted::kitLeaderRole, 120));
  }
}
