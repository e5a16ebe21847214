package uk.jtai.response.web;

import java.util.List;
import uk.jtai.response.tasks.FieldError;

/** The one error format of the product API: a status, a message and, for a 400, each field and reason. */
public record ApiError(int status, String message, List<FieldError> errors) {

  public static ApiError of(int status, String message) {
    return new ApiError(status, message, List.of());
  }
}
