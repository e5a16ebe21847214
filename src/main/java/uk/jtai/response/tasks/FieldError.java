package uk.jtai.response.tasks;

/** One reason a submission was refused: the field (as the form names it) and why, in the user's words. */
public record FieldError(String field, String reason) {

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
