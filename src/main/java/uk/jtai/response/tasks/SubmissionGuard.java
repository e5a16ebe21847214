package uk.jtai.response.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The form is the schema: a submission to a task or start form may carry only the fields its deployed
 * form declares, each with a value of the field's kind. Anything else is refused with the field named,
 * before the engine writes a single variable. What passes is split: the fields the engine may keep
 * (routing) and everything submitted, which the form's server-side check reads once.
 */
public final class SubmissionGuard {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_FORMAT = Variables.SerializationDataFormats.JSON.getName();

  private SubmissionGuard() {}

  /**
   * A submission that passed: {@code engine} holds the declared fields that are not child-level, as
   * submitted (typed values kept); {@code submitted} every declared field's plain value (lists as JSON).
   */
  public record Checked(VariableMap engine, Map<String, Object> submitted) {}

  /**
   * Checks {@code variables} against {@code schema}; {@code reserved} names are refused even if a form
   * declared one (they say where a task stands: inspection, agency, child, version).
   *
   * @throws SubmissionRejectedException naming every field refused; nothing has been written
   */
  public static Checked check(FormSchema schema, Map<String, ?> variables, Set<String> reserved) {
    List<FieldError> errors = new ArrayList<>();
    VariableMap engine = Variables.createVariables();
    Map<String, Object> submitted = new HashMap<>();
    if (variables != null) {
      for (String name : variables.keySet()) {
        FormSchema.Field field = schema == null ? null : schema.field(name);
        if (reserved.contains(name)) {
          errors.add(new FieldError(name, "is set by the service and cannot be submitted"));
          continue;
        }
        if (field == null) {
          errors.add(new FieldError(name, schema == null
              ? "this step has no form, so it takes no values"
              : "is not a field of form '" + schema.id() + "'"));
          continue;
        }
        TypedValue typed = typed(variables, name);
        Object value = plain(field, typed, errors);
        if (errors.stream().anyMatch(e -> e.field().equals(name) || e.field().startsWith(name + "["))) {
          continue;
        }
        submitted.put(name, value);
        if (!field.childLevel()) {
          engine.putValueTyped(name, typed);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new SubmissionRejectedException(errors);
    }
    return new Checked(engine, submitted);
  }

  private static TypedValue typed(Map<String, ?> variables, String name) {
    if (variables instanceof VariableMap map) {
      return map.getValueTyped(name);
    }
    Object value = variables.get(name);
    return value instanceof TypedValue typed ? typed : Variables.untypedValue(value);
  }

  /** The value as the form's check reads it, or null with the problem added to {@code errors}. */
  private static Object plain(FormSchema.Field field, TypedValue typed, List<FieldError> errors) {
    String name = field.key();
    if (typed == null) {
      return null;
    }
    if (typed instanceof SerializableValue serializable
        ? !serializable.isDeserialized() && serializable.getValueSerialized() == null || serializable.isDeserialized() && serializable.getValue() == null
        : typed.getValue() == null) {
      return null;
    }
    if (typed instanceof FileValue || typed instanceof BytesValue) {
      errors.add(new FieldError(name, "must not be a file"));
      return null;
    }
    if (field.kind() == FormSchema.Kind.VALUES || field.kind() == FormSchema.Kind.ROWS) {
      JsonNode json = json(name, typed, errors);
      if (json == null) {
        return null;
      }
      if (!json.isArray()) {
        errors.add(new FieldError(name, "must be a list"));
        return null;
      }
      if (field.kind() == FormSchema.Kind.VALUES) {
        for (JsonNode element : json) {
          if (!element.isValueNode()) {
            errors.add(new FieldError(name, "must be a list of values"));
            return null;
          }
        }
      } else {
        checkRows(field, json, errors);
      }
      return json;
    }
    if (typed instanceof SerializableValue) {
      errors.add(new FieldError(name, "must be " + expected(field.kind())));
      return null;
    }
    Object value = typed.getValue();
    boolean ok = switch (field.kind()) {
      case TEXT -> value instanceof String;
      case DATE_TIME -> value instanceof String || value instanceof Date;
      case BOOLEAN -> value instanceof Boolean
          || value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"));
      case NUMBER -> value instanceof Number || value instanceof String s && s.strip().matches("-?[0-9]{1,9}");
      default -> false;
    };
    if (!ok) {
      errors.add(new FieldError(name, "must be " + expected(field.kind())));
      return null;
    }
    return value;
  }

  private static void checkRows(FormSchema.Field field, JsonNode rows, List<FieldError> errors) {
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String at = field.key() + "[" + i + "]";
      if (!row.isObject()) {
        errors.add(new FieldError(at, "row " + (i + 1) + " must be an object of the form's fields"));
        continue;
      }
      for (Iterator<String> keys = row.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!field.rowMayCarry(key)) {
          errors.add(new FieldError(at + "." + key, "row " + (i + 1) + ": '" + key + "' is not a field of this list"));
          continue;
        }
        FormSchema.Kind kind = field.rowFields().get(key);
        JsonNode value = row.get(key);
        if (kind != null && !value.isNull() && !fits(kind, value)) {
          errors.add(new FieldError(at + "." + key, "row " + (i + 1) + ": must be " + expected(kind)));
        }
      }
    }
  }

  private static boolean fits(FormSchema.Kind kind, JsonNode value) {
    return switch (kind) {
      case TEXT, DATE_TIME -> value.isTextual();
      case BOOLEAN -> value.isBoolean();
      case NUMBER -> value.isNumber() || value.isTextual() && value.asText().strip().matches("-?[0-9]{1,9}");
      case VALUES -> value.isArray();
      case ROWS -> false;
    };
  }

  private static JsonNode json(String name, TypedValue typed, List<FieldError> errors) {
    try {
      if (typed instanceof SerializableValue serializable) {
        String format = serializable.getSerializationDataFormat();
        if (format != null && !format.equals(JSON_FORMAT)) {
          errors.add(new FieldError(name, "must be JSON (type Json), not " + format));
          return null;
        }
        if (!serializable.isDeserialized()) {
          String text = serializable.getValueSerialized();
          return parse(name, text, errors);
        }
        Object value = serializable.getValue();
        if (value instanceof SpinJsonNode spin) {
          return parse(name, spin.toString(), errors);
        }
        if (typed instanceof ObjectValue && (value instanceof Collection<?> || value instanceof Map<?, ?>)) {
          return JSON.valueToTree(value);
        }
        errors.add(new FieldError(name, "must be a list (type Json)"));
        return null;
      }
      Object value = typed.getValue();
      if (value instanceof SpinJsonNode spin) {
        return parse(name, spin.toString(), errors);
      }
      if (value instanceof String text) {
        return parse(name, text, errors);
      }
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        return JSON.valueToTree(value);
      }
      errors.add(new FieldError(name, "must be a list (type Json)"));
      return null;
    } catch (RuntimeException unreadable) {
      errors.add(new FieldError(name, "is not readable JSON"));
      return null;
    }
  }

  private static JsonNode parse(String name, String text, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(name, "is empty: send a JSON list"));
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      errors.add(new FieldError(name, "is not readable JSON"));
      return null;
    }
  }

  private static String expected(FormSchema.Kind kind) {
    return switch (kind) {
      case TEXT -> "text";
      case DATE_TIME -> "a date and time such as 2027-05-24T09:10:00+01:00";
      case BOOLEAN -> "true or false";
      case NUMBER -> "a whole number";
      case VALUES -> "a list of values";
      case ROWS -> "a list of rows";
    };
  }
}
