package uk.jtai.response.notificationcascade;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/** forms/confirm-scrutineer-notified.form: the DCS confirms the Independent Scrutineer is notified (guidance 11). */
@Component
public class ScrutineerNotifiedForm implements TaskForm<ScrutineerNotifiedForm.Submitted> {

  static final List<String> HOW = List.of("telephone", "e-mail", "in person", "video call");

  public record Submitted(boolean scrutineerNotified, String scrutineerNotifiedHow, Instant scrutineerNotifiedAt) {}

  private final Inspections inspections;

  public ScrutineerNotifiedForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "confirm-scrutineer-notified";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::scrutineerNotified, "confirm that the Independent Scrutineer has been notified"),
        submission.choice(Submitted::scrutineerNotifiedHow, HOW),
        inspections.happenedSinceNotification(submission, task, Submitted::scrutineerNotifiedAt));
  }
}
