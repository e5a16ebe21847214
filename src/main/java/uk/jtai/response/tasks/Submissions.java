package uk.jtai.response.tasks;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What was submitted to a task, held for the one command that completes it: the guarded services put a
 * checked submission here and the form's check ({@link TaskFormGuard}) reads it back when the task
 * completes. Nothing of it is written to the engine unless the guard let it through as routing.
 */
public final class Submissions {

  private static final ThreadLocal<Map<String, Map<String, Object>>> CURRENT = ThreadLocal.withInitial(HashMap::new);

  private Submissions() {}

  /** Runs {@code body} (which completes task {@code taskId}) with {@code submitted} as the task's submission. */
  public static <T> T during(String taskId, Map<String, Object> submitted, Supplier<T> body) {
    Map<String, Map<String, Object>> current = CURRENT.get();
    Map<String, Object> before = current.put(taskId, submitted);
    try {
      return body.get();
    } finally {
      if (before == null) {
        current.remove(taskId);
      } else {
        current.put(taskId, before);
      }
      if (current.isEmpty()) {
        CURRENT.remove();
      }
    }
  }

  /**
   * The submission to {@code taskId} being completed on this thread; empty when the task is completed
   * some other way (every required field is then missing, so the form's check refuses it).
   */
  public static Submission of(String taskId) {
    Map<String, Object> submitted = CURRENT.get().get(taskId);
    return Submission.of(submitted == null ? new HashMap<>() : new HashMap<>(submitted));
  }
}
