package uk.jtai.response.notificationcascade;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/confirm-lead-contact.form: an agency confirms its lead contact (or a deputy) is available and
 * briefed (guidance 18.5). The answer is kept on the cascade as {@code leadContact_<agency>}.
 */
@Component
public class LeadContactForm implements TaskForm {

  static final List<String> WHO = List.of("lead", "deputy");

  @Override
  public String formId() {
    return "confirm-lead-contact";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.choice("confirmedContact", WHO);
    submission.text("contactName", 120);
    submission.requireTrue("briefed", "confirm that the contact is available and briefed on their role");
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    String agency = Standing.AGENCY.get(task);
    String who = "deputy".equals(submission.value("confirmedContact")) ? "deputy" : "lead contact";
    task.getExecution().getProcessInstance()
        .setVariable("leadContact_" + agency, submission.text("contactName", 120) + " (" + who + ")");
  }
}
