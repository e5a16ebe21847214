package uk.jtai.response.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A deployed Camunda Form (form-js JSON) read as the server's schema of a submission: the fields a
 * submission may carry, what kind of value each takes, and which hold child-level data.
 *
 * <p>Two custom properties (form-js "Custom properties", {@code properties} in the JSON) say what the
 * form-js schema cannot: {@code childLevel: true} on a field whose value is child-level data (it is
 * handed to the form's check and recorded in the product's tables, never written to the engine), and
 * {@code rowKeys: id,...} on a dynamic list whose rows carry keys the form does not show (a row's id).
 */
public final class FormSchema {

  /** What a field's value is. */
  public enum Kind {
    /** textfield, textarea, radio, select: text. */
    TEXT,
    /** datetime: ISO-8601 text (or a Date from the Java API). */
    DATE_TIME,
    /** checkbox. */
    BOOLEAN,
    /** number. */
    NUMBER,
    /** checklist, taglist: a JSON list of values. */
    VALUES,
    /** dynamiclist: a JSON list of rows (objects). */
    ROWS
  }

  /** One field a submission may carry; for {@link Kind#ROWS}, the row fields and extra row keys. */
  public record Field(String key, Kind kind, boolean childLevel, Map<String, Kind> rowFields, Set<String> rowKeys) {

    /** Whether a row of this list may carry {@code key}. */
    public boolean rowMayCarry(String key) {
      return rowFields.containsKey(key) || rowKeys.contains(key);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Components that show something and submit nothing. */
  private static final Set<String> DISPLAY = Set.of("text", "html", "spacer", "separator", "table", "image", "button",
      "iframe", "documentPreview");

  private final String id;
  private final Map<String, Field> fields;

  private FormSchema(String id, Map<String, Field> fields) {
    this.id = id;
    this.fields = Collections.unmodifiableMap(fields);
  }

  public static FormSchema read(InputStream form) {
    try (form) {
      return of(JSON.readTree(form));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable Camunda Form", e);
    }
  }

  public static FormSchema of(JsonNode form) {
    Map<String, Field> fields = new LinkedHashMap<>();
    String id = form.path("id").asText();
    collect(id, form.path("components"), fields);
    return new FormSchema(id, fields);
  }

  /** The form's id (its JSON "id", a user task's camunda:formRef). */
  public String id() {
    return id;
  }

  /** Every field a submission may carry, by key, in the form's order. */
  public Map<String, Field> fields() {
    return fields;
  }

  public Field field(String key) {
    return fields.get(key);
  }

  private static void collect(String formId, JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (DISPLAY.contains(type)) {
        continue;
      }
      if (type.equals("group")) {
        if (component.hasNonNull("path") && !component.path("path").asText().isBlank()) {
          throw new IllegalArgumentException("form " + formId + ": a group with a path is not supported; use a dynamic list");
        }
        collect(formId, component.path("components"), fields);
        continue;
      }
      if (type.equals("dynamiclist")) {
        String path = component.path("path").asText();
        Map<String, Kind> rowFields = new LinkedHashMap<>();
        for (JsonNode rowField : component.path("components")) {
          if (!DISPLAY.contains(rowField.path("type").asText())) {
            rowFields.put(rowField.path("key").asText(), kind(formId, rowField));
          }
        }
        Set<String> rowKeys = new LinkedHashSet<>();
        Arrays.stream(component.path("properties").path("rowKeys").asText("").split(","))
            .map(String::strip).filter(key -> !key.isEmpty()).forEach(rowKeys::add);
        add(formId, fields, new Field(path, Kind.ROWS, childLevel(component), Map.copyOf(rowFields), Set.copyOf(rowKeys)));
        continue;
      }
      add(formId, fields, new Field(component.path("key").asText(), kind(formId, component), childLevel(component), Map.of(),
          Set.of()));
    }
  }

  private static void add(String formId, Map<String, Field> fields, Field field) {
    if (field.key().isBlank()) {
      throw new IllegalArgumentException("form " + formId + ": a field without a key");
    }
    Field before = fields.putIfAbsent(field.key(), field);
    if (before != null && (before.kind() != field.kind() || before.childLevel() != field.childLevel())) {
      throw new IllegalArgumentException("form " + formId + ": field " + field.key() + " is declared twice, differently");
    }
  }

  private static boolean childLevel(JsonNode component) {
    return component.path("properties").path("childLevel").asText("false").equalsIgnoreCase("true");
  }

  private static Kind kind(String formId, JsonNode component) {
    String type = component.path("type").asText();
    return switch (type) {
      case "textfield", "textarea", "radio", "select" -> Kind.TEXT;
      case "datetime" -> Kind.DATE_TIME;
      case "checkbox" -> Kind.BOOLEAN;
      case "number" -> Kind.NUMBER;
      case "checklist", "taglist" -> Kind.VALUES;
      default -> throw new IllegalArgumentException("form " + formId + ": component type '" + type + "' ("
          + component.path("key").asText() + ") is not supported by the server's form check");
    };
  }
}
