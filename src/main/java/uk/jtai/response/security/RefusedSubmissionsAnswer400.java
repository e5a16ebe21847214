package uk.jtai.response.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * A refused submission is the caller's mistake, whichever resource of {@code /engine-rest} it reached.
 * Some resources (starting a process, {@code POST /process-definition/.../start}) wrap every engine
 * error in a 500; this mapper, ahead of Camunda's own, answers 400 with the fields and reasons when the
 * cause is a refused submission, and leaves every other error to Camunda.
 */
@Component
public class RefusedSubmissionsAnswer400 implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
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
      }
      return camunda.toResponse(exception);
    }
  }
}
