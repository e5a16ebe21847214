package uk.jtai.response.partnership;

import org.springframework.core.io.Resource;

/** A theme file that cannot be used, with the file and the field that is wrong. */
public class InvalidThemeException extends RuntimeException {

  public InvalidThemeException(Resource file, String field, String reason) {
    super("Theme file " + describe(file) + ": field '" + field + "': " + reason);
  }

  private static String describe(Resource file) {
    String name = file.getFilename();
    return name != null ? name : file.getDescription();
  }
}
