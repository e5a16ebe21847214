package uk.jtai.response.tasks;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The server side of one Camunda Form (a file in {@code forms/}), written one way: {@link #read} reads the
 * submission once into the form's record {@code T}, checking each field; {@link #record} keeps what a valid
 * submission produced, from that record. Every user task's form has one; {@link TaskFormGuard} runs read,
 * the verdict, then record when the task completes, before anything else, whichever client completed it.
 *
 * <p>The record is the Java side of the form's schema: its components are the form's fields (same keys,
 * compatible kinds, every required field), and fields are read through them ({@link Key}, e.g. {@code
 * submission.text(Submitted::returnLocation, 300)}), so a key and its limits are written once. {@code
 * FormRecordsTest} checks every form against its record and the model that uses it, without an engine.
 *
 * @param <T> what a submission of this form holds, read and checked
 */
public interface TaskForm<T extends Record> {

  /** The Camunda Form's id (its JSON "id", the user task's camunda:formRef). */
  String formId();

  /**
   * Reads every field the form submits, once, into the form's record, rejecting with {@link
   * Submission#reject} per problem (a field that was rejected reads as null). Where the task stands
   * (inspection, agency, child, version) is read from the task, never from the submission.
   */
  T read(DelegateTask task, Submission submission);

  /** After a submission passed: keeps what the step produced (e.g. a structured return). */
  default void record(DelegateTask task, T submitted) {}
}
