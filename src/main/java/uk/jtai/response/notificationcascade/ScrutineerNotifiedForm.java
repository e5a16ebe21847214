package uk.jtai.response.notificationcascade;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/confirm-scrutineer-notified.form: the DCS confirms the Independent Scrutineer is notified (guidance 11). */
@Component
public class ScrutineerNotifiedForm implements TaskForm {

  static final List<String> HOW = List.of("telephone", "e-mail", "in person", "video call");

  private final Inspections inspections;

  public ScrutineerNotifiedForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "confirm-scrutineer-notified";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.requireTrue("scrutineerNotified", "confirm that the Independent Scrutineer has been notified");
    submission.choice("scrutineerNotifiedHow", HOW);
    inspections.happenedSinceNotification(submission, task, "scrutineerNotifiedAt");
  }
}
