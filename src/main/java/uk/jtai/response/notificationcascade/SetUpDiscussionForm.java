package uk.jtai.response.notificationcascade;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-set-up-discussion.form: LAIM records the set-up discussion with the lead inspector, all
 * statutory partners and senior leaders (day 1 or day 2), where the Annex A request is made and the
 * arrangements for issues of concern are discussed (guidance 11 and 14).
 */
@Component
public class SetUpDiscussionForm implements TaskForm<SetUpDiscussionForm.Submitted> {

  public record Submitted(Instant setUpDiscussionAt, boolean statutoryPartnersAttended, boolean annexARequestReceived,
                          boolean concernsArrangementsAgreed, String setUpDiscussionNotes) {}

  private final Inspections inspections;

  public SetUpDiscussionForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-set-up-discussion";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        inspections.happenedSinceNotification(submission, task, Submitted::setUpDiscussionAt),
        submission.requireTrue(Submitted::statutoryPartnersAttended, "confirm that all statutory partners were represented"),
        submission.requireTrue(Submitted::annexARequestReceived, "confirm that the inspectorates made the Annex A request"),
        submission.requireTrue(Submitted::concernsArrangementsAgreed,
            "confirm that the arrangements for recording issues of concern were discussed"),
        submission.optionalText(Submitted::setUpDiscussionNotes, 2000).orElse(null));
  }
}
