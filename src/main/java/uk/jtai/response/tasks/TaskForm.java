package uk.jtai.response.tasks;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The server side of one Camunda Form (file in {@code forms/}): what a submission must hold. Every
 * user task's form has one; {@link TaskFormGuard} runs it when the task completes, before anything
 * else, whichever client completed it.
 */
public interface TaskForm {

  /** The Camunda Form's id (its JSON "id", the user task's camunda:formRef). */
  String formId();

  /** Reads and checks the submission; rejects with {@link Submission#reject} per problem. */
  void check(DelegateTask task, Submission submission);

  /** After a successful check: keeps what the step produced (e.g. a structured return). */
  default void record(DelegateTask task) {}
}
