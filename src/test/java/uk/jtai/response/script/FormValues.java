package uk.jtai.response.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.core.ResolvableType;
import org.springframework.objenesis.SpringObjenesis;
import uk.jtai.response.tasks.FormSchema;
import uk.jtai.response.tasks.TaskForm;

/**
 * A form's record (the {@code Submitted} record of its {@link TaskForm}) turned into the variables a
 * client submits for it through the engine API, as Tasklist's Camunda Form would: each component under
 * its field's key; an instant as ISO-8601 text, a date as {@code yyyy-MM-dd}; a list held in a text
 * field (the form's schema says which) one entry a line; any other list, a JSON list (rows as objects
 * of their record's components, or as given); nothing for a null component.
 */
public final class FormValues {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Class<?>, FormSchema> SCHEMAS = new ConcurrentHashMap<>();

  private FormValues() {}

  /** The variables that submit {@code submitted}, a TaskForm's record. */
  public static Map<String, Object> of(Record submitted) {
    FormSchema schema = schemaOf(submitted.getClass());
    Map<String, Object> variables = new LinkedHashMap<>();
    for (RecordComponent component : submitted.getClass().getRecordComponents()) {
      Object value = valueOf(submitted, component);
      if (value == null) {
        continue;
      }
      FormSchema.Field field = schema.field(component.getName());
      if (field == null) {
        throw new IllegalArgumentException(component.getName() + " is not a field of form " + schema.id());
      }
      variables.put(component.getName(), field.kind() == FormSchema.Kind.TEXT && value instanceof List<?> lines
          ? String.join("\n", lines.stream().map(String::valueOf).toList())
          : engineValue(value));
    }
    return variables;
  }

  /** The form id of a TaskForm's record, e.g. "complete-audit-tool" for CompleteAuditToolForm.Submitted. */
  public static String formIdOf(Class<?> record) {
    return schemaOf(record).id();
  }

  private static Object valueOf(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object engineValue(Object value) {
    if (value instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC).toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof JsonNode node) {
      return SpinValues.jsonValue(node.toString()).create();
    }
    if (value instanceof List<?> list) {
      return SpinValues.jsonValue(json(list).toString()).create();
    }
    return value;
  }

  private static ArrayNode json(List<?> list) {
    ArrayNode array = JSON.createArrayNode();
    for (Object element : list) {
      if (element instanceof Record row) {
        ObjectNode object = array.addObject();
        for (RecordComponent component : row.getClass().getRecordComponents()) {
          Object value = valueOf(row, component);
          if (value != null) {
            object.set(component.getName(), JSON.valueToTree(value instanceof Instant || value instanceof LocalDate
                ? value.toString() : value));
          }
        }
      } else if (element instanceof JsonNode node) {
        array.add(node);
      } else {
        array.add(JSON.valueToTree(element instanceof LocalDate ? element.toString() : element));
      }
    }
    return array;
  }

  /** The schema of the form whose TaskForm encloses the record, read as the server reads it. */
  private static FormSchema schemaOf(Class<?> record) {
    return SCHEMAS.computeIfAbsent(record, type -> {
      Class<?> form = type.getEnclosingClass();
      if (form == null || !TaskForm.class.isAssignableFrom(form)
          || ResolvableType.forClass(form).as(TaskForm.class).getGeneric(0).resolve() != type) {
        throw new IllegalArgumentException(type.getName() + " is not the record of a TaskForm");
      }
      // formId() returns a constant: an instance made without its constructor (no services) can say it.
      String formId = ((TaskForm<?>) new SpringObjenesis().newInstance(form)).formId();
      try (InputStream in = FormValues.class.getResourceAsStream("/forms/" + formId + ".form")) {
        if (in == null) {
          throw new IllegalStateException("no forms/" + formId + ".form on the class path");
        }
        return FormSchema.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
