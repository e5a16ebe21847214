package uk.jtai.response.support;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * A form's {@code read} without an engine: a task that knows only where it stands (its variables) and a
 * submission as the guarded services hand it over (plain values; lists as JSON).
 */
public final class FormReading {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormReading() {}

  /** A task whose variables are {@code variables} (reference, agency, childNumber...). */
  public static DelegateTask task(Map<String, Object> variables) {
    DelegateTask task = mock(DelegateTask.class);
    when(task.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    return task;
  }

  /** A submission of {@code fields} (copied: a form may restore a list's hidden row keys in it). */
  public static Submission submission(Map<String, ?> fields) {
    return Submission.of(new HashMap<>(fields));
  }

  /** A list field's value as the guard passes it, from JSON text. */
  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** What the verdict refuses, as "field: reason"; empty when the submission passes. */
  public static List<String> refusals(Submission submission) {
    try {
      submission.verdict();
      return List.of();
    } catch (SubmissionRejectedException refused) {
      return refused.errors().stream().map(FieldError::toString).toList();
    }
  }
}
