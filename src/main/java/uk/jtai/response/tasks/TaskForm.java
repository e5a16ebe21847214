package uk.jtai.response.tasks;

import java.util.function.BiConsumer;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The server side of one Camunda Form (file in {@code forms/}): what a submission must hold. Every
 * user task's form has one; {@link TaskFormGuard} runs it when the task completes, before anything
 * else, whichever client completed it.
 */
public interface TaskForm {

  /** The Camunda Form's id (its JSON "id", the user task's camunda:formRef). */
  String formId();

  /**
   * Reads and checks the submission; rejects with {@link Submission#reject} per problem. Where the task
   * stands (inspection, agency, child, version) is read from the task, never from the submission.
   */
  void check(DelegateTask task, Submission submission);

  /**
   * After a successful check: keeps what the step produced (e.g. a structured return), read from the same
   * submission the check read.
   */
  default void record(DelegateTask task, Submission submission) {}

  /** A form whose check is all there is. */
  static TaskForm of(String formId, BiConsumer<DelegateTask, Submission> check) {
    return of(formId, check, (task, submission) -> { });
  }

  /** A form with a check and what a valid submission records. */
  static TaskForm of(String formId, BiConsumer<DelegateTask, Submission> check, BiConsumer<DelegateTask, Submission> record) {
    return new TaskForm() {
      @Override
      public String formId() {
        return formId;
      }

      @Override
      public void check(DelegateTask task, Submission submission) {
        check.accept(task, submission);
      }

      @Override
      public void record(DelegateTask task, Submission submission) {
        record.accept(task, submission);
      }
    };
  }
}
