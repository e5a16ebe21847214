package uk.jtai.response.tasks;

/**
 * The server side of a process's start form (a file in {@code forms/} that a start event names as its
 * camunda:formRef), written the way a {@link TaskForm} is: {@link #read} reads the submission once into
 * the form's record {@code T}, checking each field and naming it when it is refused. The process's start
 * listener reads the start's variables through it ({@code form.read(new Submission(execution))}), gives
 * the verdict, then records what the record holds; the product API reads its request through the same
 * form, so Tasklist and the API refuse the same input with the same reasons.
 *
 * <p>As for a task form, the record is the Java side of the form's schema (its components are the form's
 * fields, same keys, compatible kinds, every required field), fields are read through its components
 * ({@link Key}), and {@code FormRecordsTest} checks every start form against its record and the model
 * whose start event uses it, without an engine.
 *
 * @param <T> what a start of this process holds, read and checked
 */
public interface StartForm<T extends Record> {

  /** The Camunda Form's id (its JSON "id", the start event's camunda:formRef). */
  String formId();

  /**
   * Reads every field the form submits, once, into the form's record, rejecting with {@link
   * Submission#reject} per problem (a field that was rejected reads as null; the caller gives the verdict).
   */
  T read(Submission submission);
}
