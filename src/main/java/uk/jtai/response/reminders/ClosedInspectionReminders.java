package uk.jtai.response.reminders;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;

/**
 * Listener of jtai-inspection's end, "Inspection closed" ({@code ${closedInspectionReminders}}): every reminder of
 * the inspection not sent yet is withdrawn, in one statement, in the transaction that closes it. A task's
 * reminders are withdrawn as they fall due once the task has ended ({@link ReminderRepository}); when the
 * inspection closes, nothing of it is due any more, however far ahead a reminder was planned.
 */
@Component("closedInspectionReminders")
public class ClosedInspectionReminders implements ExecutionListener {

  static final String WHY = "inspection closed";

  private final ReminderRepository repository;

  public ClosedInspectionReminders(ReminderRepository repository) {
    this.repository = repository;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    if (reference != null) {
      repository.withdrawInspection(reference, EngineTime.now(), WHY);
    }
  }
}
