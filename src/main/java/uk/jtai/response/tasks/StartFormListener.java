package uk.jtai.response.tasks;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * The start listener of a process a user starts from Tasklist to act on one inspection (move a deadline, take an
 * agency out of a stage, amend the selection, correct a return, reassign the Audit Chair or Author), written
 * once: the start form read once into its record ({@link StartForm}), any further {@link #check}, the verdict
 * (bad input refuses the start and changes nothing), the inspection's reference as the business key, then
 * {@link #act}.
 *
 * @param <T> the start form's record, which names the inspection
 */
public abstract class StartFormListener<T extends Record & StartFormListener.OnInspection> implements ExecutionListener {

  /** A start form's record that names the inspection the start acts on (its field {@code inspectionReference}). */
  public interface OnInspection {
    String inspectionReference();
  }

  private final StartForm<T> form;

  protected StartFormListener(StartForm<T> form) {
    this.form = form;
  }

  @Override
  public final void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    T request = form.read(submission);
    check(request, submission);
    submission.verdict();
    execution.setProcessBusinessKey(request.inspectionReference());
    act(request, submission);
  }

  /** Checks beyond the form's own, rejecting through {@code submission} (before the verdict). */
  protected void check(T request, Submission submission) {
  }

  /** Does what the start asks, refusing through {@code submission} (its verdict) what cannot be done. */
  protected abstract void act(T request, Submission submission);
}
