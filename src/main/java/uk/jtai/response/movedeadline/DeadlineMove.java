package uk.jtai.response.movedeadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.SubmissionRejectedException;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/move-deadline.bpmn ({@code ${deadlineMove}}): the Business Unit or LAIM moves a
 * milestone from Tasklist, with the same checks as the product API; bad input refuses the start.
 */
@Component("deadlineMove")
public class DeadlineMove implements ExecutionListener {

  private final ScheduleMover mover;
  private final CurrentUser user;

  public DeadlineMove(ScheduleMover mover, CurrentUser user) {
    this.mover = mover;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object reference = execution.getVariable("inspectionReference");
    if (!(reference instanceof String ref) || ref.isBlank()) {
      throw new SubmissionRejectedException(java.util.List.of(new FieldError("inspectionReference", "is required")));
    }
    String milestone = String.valueOf(execution.getVariable("milestone")).strip();
    execution.setProcessBusinessKey(ref.strip());
    try {
      mover.move(ref.strip(), milestone, execution.getVariable("newDue"), (String) execution.getVariable("moveReason"),
          user.id());
    } catch (java.util.NoSuchElementException e) {
      throw new SubmissionRejectedException(java.util.List.of(new FieldError("inspectionReference", e.getMessage())));
    }
  }
}
