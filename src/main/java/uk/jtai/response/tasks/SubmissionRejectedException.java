package uk.jtai.response.tasks;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task or start form submission the server refused. Extends Camunda's form validation exception so
 * the REST API (and so Tasklist) answers 400 with this message; the transaction rolls back, so nothing
 * of the submission is kept and the task stays open.
 */
public class SubmissionRejectedException extends FormFieldValidationException {

  private final List<FieldError> errors;

  public SubmissionRejectedException(List<FieldError> errors) {
    super(List.copyOf(errors), "Not saved. " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
