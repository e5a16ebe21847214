package uk.jtai.response.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * A refused submission is the caller's mistake, whichever resource of {@code /engine-rest} it reached.
 * Some resources (starting a process, {@code POST /process-definition/.../start}) wrap every engine
 * error in a 500; this mapper, ahead of Camunda's own, answers 400 with the fields and reasons when the
 * cause is a refused submission, and leaves every other error to Camunda. A password the password policy
 * refuses (the engine says so with a bare ProcessEngineException, which REST answers with 500) is one too.
 * Completing or submitting a task that is no longer open (done twice, or by a colleague first) answers 404, not
 * Camunda's 500: nothing was saved, and it is not a fault of the service. So does claiming it, or reading its
 * variables, from a Tasklist page opened before a colleague completed it.
 */
@Component
public class RefusedSubmissionsAnswer400 implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
    config.register(EngineErrorMapper.class);
  }

  /** The engine's words for a password the policy refuses (SaveUserCmd). */
  static final String POLICY_REFUSED = "Password does not match policy";

  /** An engine error that is the caller's (a password the policy refuses, a task that is not there); else Camunda's. */
  @Priority(Priorities.USER - 100)
  public static class EngineErrorMapper implements ExceptionMapper<org.camunda.bpm.engine.ProcessEngineException> {

    private final org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler camunda =
        new org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(org.camunda.bpm.engine.ProcessEngineException exception) {
      if (POLICY_REFUSED.equals(exception.getMessage())) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "PasswordPolicyException");
        body.put("message", "password: does not meet the password policy: at least 10 characters, with a lower-case and an "
            + "upper-case letter, a digit and a special character, and no user id, name or e-mail address in it");
        body.put("errors", List.of(Map.of("field", "password", "reason", "does not meet the password policy")));
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
      }
      if (exception instanceof NullValueException && exception.getMessage() != null
          && (exception.getMessage().startsWith(TASK_GONE) || TASK_GONE_TO_READ.matcher(exception.getMessage()).matches())) {
        // Claiming a task, or reading its variables, after a colleague completed it: Camunda answers 500.
        return taskGone("This task is no longer open (it has been completed, or it does not exist).");
      }
      return camunda.toResponse(exception);
    }
  }

  private static Response taskGone(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "InvalidRequestException");
    body.put("message", message);
    return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  @Priority(Priorities.USER - 100)
  public static class Mapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        if (cause instanceof SubmissionRejectedException refused) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("type", refused.getClass().getSimpleName());
          body.put("message", refused.getMessage());
          List<Map<String, String>> errors = refused.errors().stream()
              .map(error -> Map.of("field", error.field(), "reason", error.reason())).toList();
          body.put("errors", errors);
          return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
        if (cause instanceof NullValueException && cause.getMessage() != null
            && cause.getMessage().startsWith(TASK_GONE)) {
          // Completing or submitting a task that has been completed (twice in a row, or by a colleague first):
          // Camunda's task resource answers 500; nothing was saved, and the task is not there to be done.
          return taskGone("Not saved: this task is no longer open (it has been completed, or it does not exist).");
        }
      }
      return camunda.toResponse(exception);
    }
  }

  /** The engine's words for a task that is not there to complete or claim (CompleteTaskCmd, SubmitTaskFormCmd, ClaimTaskCmd). */
  static final String TASK_GONE = "Cannot find task with id ";

  /** The engine's words for a task that is not there to read the variables of (GetTaskVariablesCmd). */
  static final java.util.regex.Pattern TASK_GONE_TO_READ = java.util.regex.Pattern.compile("task \\S+ doesn't exist: task is null");
}
