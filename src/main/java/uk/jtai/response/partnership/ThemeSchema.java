package uk.jtai.response.partnership;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The JSON Schema of a theme file, {@code classpath:schema/theme.schema.json} (src/main/resources/schema/): what
 * fields a theme file has, which are required, their types and formats. The same file is published for
 * editors (each shipped theme file names it in a {@code # yaml-language-server: $schema=} line), so an editor
 * and the service check a theme file alike. What depends on the partnership or on other fields stays in
 * {@link ThemeRegistry}.
 */
final class ThemeSchema {

  static final String LOCATION = "schema/theme.schema.json";

  private final Schema schema;

  ThemeSchema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
        .schemaRegistryConfig(SchemaRegistryConfig.builder().errorMessageKeyword("message").locale(Locale.UK).build()));
    try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
      this.schema = registry.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the theme schema classpath:" + LOCATION, e);
    }
  }

  /** Fails on the first way the file's content breaks the schema, naming the field as the file nests it. */
  void check(Resource file, JsonNode content) {
    List<Error> errors = schema.validate(content);
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      throw new InvalidThemeException(file, field(first), reason(first));
    }
  }

  /** "milestones[0].time", "evidence-documents.police[0].title"; a missing or unknown field is named too. */
  static String field(Error error) {
    StringBuilder field = new StringBuilder();
    NodePath location = error.getInstanceLocation();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Number index) {
        field.append('[').append(index).append(']');
      } else {
        field.append(field.isEmpty() ? "" : ".").append(element);
      }
    }
    if (error.getProperty() != null && List.of("required", "additionalProperties").contains(error.getKeyword())) {
      field.append(field.isEmpty() ? "" : ".").append(error.getProperty());
    }
    return field.isEmpty() ? "(file)" : field.toString();
  }

  private static String reason(Error error) {
    return switch (error.getKeyword()) {
      case "required" -> "is required";
      case "additionalProperties" -> "is not a field of a theme file here (see " + LOCATION + ")";
      default -> {
        String message = error.getMessage();
        // The library's own messages start with the location; the field is named already.
        int colon = message.indexOf(": ");
        yield message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
      }
    };
  }
}
