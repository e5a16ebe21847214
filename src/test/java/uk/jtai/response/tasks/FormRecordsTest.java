package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.objenesis.SpringObjenesis;
import org.springframework.stereotype.Component;

/**
 * Every form's three descriptions agree, without an engine or Spring (milliseconds): the Camunda Form in
 * {@code forms/} (read as the server reads it, {@link FormSchema}), the record its {@link TaskForm} or
 * {@link StartForm} reads a submission into, and the user tasks or start events of {@code bpmn/} that use
 * it. A renamed, retyped or new field fails here, naming the form, the field and the record.
 */
class FormRecordsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  /** A task form found on the class path, its record and its form's id. */
  record Found(Class<?> form, Class<? extends Record> record, String formId) {
    String name() {
      return record.getName().substring(record.getPackageName().length() + 1).replace('$', '.');
    }
  }

  /** What the server's schema does not need from a field: said by the form-js JSON itself. */
  record Declared(boolean required, boolean readonly, String subtype) {}

  private static List<Found> taskForms;
  private static List<Found> startForms;
  private static Map<String, FormSchema> schemas;
  private static Map<String, Map<String, Declared>> declared;
  /** Form id to the user tasks ("model#task") whose camunda:formRef names it. */
  private static Map<String, List<String>> userTasks;
  /** Form id to the start events ("model#event") whose camunda:formRef names it. */
  private static Map<String, List<String>> startEvents;

  @BeforeAll
  static void read() throws IOException {
    taskForms = forms(TaskForm.class);
    startForms = forms(StartForm.class);
    schemas = new HashMap<>();
    declared = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode form = JSON.readTree(file.toFile());
        FormSchema schema = FormSchema.of(form);
        schemas.put(schema.id(), schema);
        Map<String, Declared> fields = new HashMap<>();
        declared(form.path("components"), fields);
        declared.put(schema.id(), fields);
      }
    }
    userTasks = new HashMap<>();
    startEvents = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        formRefs(file, "userTask").forEach((id, formRef) -> userTasks.computeIfAbsent(formRef, ref -> new ArrayList<>())
            .add("bpmn/" + file.getFileName() + "#" + id));
        formRefs(file, "startEvent").forEach((id, formRef) -> startEvents.computeIfAbsent(formRef, ref -> new ArrayList<>())
            .add("bpmn/" + file.getFileName() + "#" + id));
      }
    }
  }

  @Test
  void everyUserTaskFormHasOneTaskFormAndEveryTaskFormAFormAndAUserTask() {
    assertThat(taskForms).as("task forms on the class path").hasSizeGreaterThan(50);
    Map<String, String> byId = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Found found : taskForms) {
      String before = byId.put(found.formId(), found.form().getSimpleName());
      if (before != null) {
        problems.add("form '" + found.formId() + "' has two TaskForms: " + before + " and " + found.form().getSimpleName());
      }
      if (!schemas.containsKey(found.formId())) {
        problems.add(found.form().getSimpleName() + " is the server side of form '" + found.formId()
            + "', but there is no forms/" + found.formId() + ".form with that id");
      } else if (!userTasks.containsKey(found.formId())) {
        problems.add("forms/" + found.formId() + ".form (" + found.form().getSimpleName()
            + ") is the camunda:formRef of no user task in bpmn/");
      }
    }
    userTasks.forEach((formId, tasks) -> {
      if (!byId.containsKey(formId)) {
        problems.add("user task " + String.join(", ", tasks) + " uses form '" + formId
            + "', which has no TaskForm (the model cannot be deployed)");
      }
    });
    assertThat(problems).as("task forms and their models").isEmpty();
  }

  @Test
  void everyStartEventFormHasOneStartFormAndEveryStartFormAFormAndAStartEvent() {
    assertThat(startForms).as("start forms on the class path").isNotEmpty();
    Map<String, String> byId = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Found found : startForms) {
      String before = byId.put(found.formId(), found.form().getSimpleName());
      if (before != null) {
        problems.add("form '" + found.formId() + "' has two StartForms: " + before + " and " + found.form().getSimpleName());
      }
      if (!schemas.containsKey(found.formId())) {
        problems.add(found.form().getSimpleName() + " is the server side of start form '" + found.formId()
            + "', but there is no forms/" + found.formId() + ".form with that id");
      } else if (!startEvents.containsKey(found.formId())) {
        problems.add("forms/" + found.formId() + ".form (" + found.form().getSimpleName()
            + ") is the camunda:formRef of no start event in bpmn/");
      }
      if (userTasks.containsKey(found.formId())) {
        problems.add("forms/" + found.formId() + ".form is a start form (" + found.form().getSimpleName()
            + ") and the form of user task " + String.join(", ", userTasks.get(found.formId())));
      }
    }
    startEvents.forEach((formId, events) -> {
      if (!byId.containsKey(formId)) {
        problems.add("start event " + String.join(", ", events) + " uses form '" + formId
            + "', which has no StartForm: its start listener would read the fields by name");
      }
    });
    assertThat(problems).as("start forms and their models").isEmpty();
  }

  @Test
  void everyFormOfTheModelsIsATaskOrAStartForm() {
    List<String> unused = new ArrayList<>(new TreeMap<>(schemas).keySet());
    unused.removeAll(userTasks.keySet());
    unused.removeAll(startEvents.keySet());
    assertThat(unused).as("forms in forms/ that no user task or start event uses").isEmpty();
  }

  @Test
  void everyRecordReadsExactlyTheFieldsItsFormSubmits() {
    List<String> problems = new ArrayList<>();
    for (Found found : Stream.concat(taskForms.stream(), startForms.stream()).toList()) {
      FormSchema schema = schemas.get(found.formId());
      if (schema != null) {
        problems.addAll(problems(found, schema, declared.get(found.formId())));
      }
    }
    assertThat(problems).as("records against their forms").isEmpty();
  }

  /** What a mistaken record of forms/complete-audit-tool.form would read. */
  record Mistaken(boolean auditToolCompleted, Instant chronologyCompleted, String returnLocaton, String sentBackReason) {}

  @Test
  void aRenamedRetypedReadOnlyOrForgottenFieldIsNamedWithItsFormAndRecord() {
    List<String> problems = problems(new Found(FormRecordsTest.class, Mistaken.class, "complete-audit-tool"),
        schemas.get("complete-audit-tool"), declared.get("complete-audit-tool"));

    assertThat(problems).containsExactly(
        "FormRecordsTest.Mistaken.chronologyCompleted is java.time.Instant, but field 'chronologyCompleted' of "
            + "forms/complete-audit-tool.form is a checkbox: use boolean",
        "FormRecordsTest.Mistaken.returnLocaton is not a field of forms/complete-audit-tool.form (its fields: "
            + "sentBackReason, auditInvolvement, auditToolCompleted, chronologyCompleted, returnLocation)",
        "FormRecordsTest.Mistaken.sentBackReason reads field 'sentBackReason' of forms/complete-audit-tool.form, which is "
            + "read-only there: a view the server shows, never taken from a submission",
        "required field 'auditInvolvement' of forms/complete-audit-tool.form is not read: FormRecordsTest.Mistaken has no "
            + "component 'auditInvolvement'",
        "required field 'returnLocation' of forms/complete-audit-tool.form is not read: FormRecordsTest.Mistaken has no "
            + "component 'returnLocation'");
  }

  /** Each problem names the form, the field and the record. */
  static List<String> problems(Found found, FormSchema schema, Map<String, Declared> declared) {
    List<String> problems = new ArrayList<>();
    String form = "forms/" + schema.id() + ".form";
    Map<String, RecordComponent> components = new TreeMap<>();
    for (RecordComponent component : found.record().getRecordComponents()) {
      components.put(component.getName(), component);
    }
    components.forEach((name, component) -> {
      FormSchema.Field field = schema.field(name);
      Declared as = declared.get(name);
      if (field == null) {
        problems.add(found.name() + "." + name + " is not a field of " + form + " (its fields: "
            + String.join(", ", schema.fields().keySet()) + ")");
      } else if (as.readonly()) {
        problems.add(found.name() + "." + name + " reads field '" + name + "' of " + form
            + ", which is read-only there: a view the server shows, never taken from a submission");
      } else if (!fits(component.getGenericType(), field.kind(), as.subtype())) {
        problems.add(found.name() + "." + name + " is " + component.getGenericType().getTypeName().replace("java.lang.", "")
            + ", but field '" + name + "' of " + form + " is " + describe(field.kind(), as.subtype()) + ": use "
            + expected(field.kind(), as.subtype()));
      } else {
        problems.addAll(rowProblems(found, component, field, form));
      }
    });
    schema.fields().forEach((name, field) -> {
      Declared as = declared.get(name);
      if (!components.containsKey(name) && !as.readonly()) {
        problems.add((as.required() ? "required field '" : "field '") + name + "' of " + form + " is not read: "
            + found.name() + " has no component '" + name + "'");
      }
    });
    return problems;
  }

  /** A list of rows read into a record of the form's own: each component is a field or a key of the rows. */
  private static List<String> rowProblems(Found found, RecordComponent component, FormSchema.Field field, String form) {
    if (field.kind() != FormSchema.Kind.ROWS || !(component.getGenericType() instanceof ParameterizedType list)
        || !(list.getActualTypeArguments()[0] instanceof Class<?> row) || !row.isRecord()
        || row.getEnclosingClass() != found.form()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (RecordComponent rowComponent : row.getRecordComponents()) {
      if (!field.rowMayCarry(rowComponent.getName())) {
        problems.add(row.getSimpleName() + "." + rowComponent.getName() + " (a row of " + found.name() + "." + component.getName()
            + ") is not a field or row key of list '" + field.key() + "' of " + form);
      }
    }
    return problems;
  }

  private static boolean fits(Type type, FormSchema.Kind kind, String subtype) {
    return switch (kind) {
      case TEXT -> type == String.class || isListOf(type, String.class);
      case BOOLEAN -> type == boolean.class || type == Boolean.class;
      case NUMBER -> type == int.class || type == Integer.class;
      case DATE_TIME -> "date".equals(subtype) ? type == LocalDate.class : type == Instant.class;
      case VALUES, ROWS -> type == JsonNode.class || isListOf(type, null);
    };
  }

  private static boolean isListOf(Type type, Class<?> element) {
    return type instanceof ParameterizedType list && list.getRawType() == List.class
        && (element == null || list.getActualTypeArguments()[0] == element);
  }

  private static String describe(FormSchema.Kind kind, String subtype) {
    return switch (kind) {
      case TEXT -> "a text";
      case BOOLEAN -> "a checkbox";
      case NUMBER -> "a number";
      case DATE_TIME -> "date".equals(subtype) ? "a date" : "a date and time";
      case VALUES -> "a list of values";
      case ROWS -> "a list of rows";
    };
  }

  private static String expected(FormSchema.Kind kind, String subtype) {
    return switch (kind) {
      case TEXT -> "String (or List<String>: a text's entries, one a line)";
      case BOOLEAN -> "boolean";
      case NUMBER -> "int or Integer";
      case DATE_TIME -> "date".equals(subtype) ? "LocalDate" : "Instant";
      case VALUES, ROWS -> "a List or JsonNode";
    };
  }

  /** Every field's required, read-only and date subtype flags, by key, as the form-js JSON gives them. */
  private static void declared(JsonNode components, Map<String, Declared> fields) {
    for (JsonNode component : components) {
      String key = component.hasNonNull("key") ? component.path("key").asText() : component.path("path").asText();
      fields.putIfAbsent(key, new Declared(component.path("validate").path("required").asBoolean(false),
          component.path("readonly").asBoolean(false), component.path("subtype").asText(null)));
      if (component.path("type").asText().equals("group")) {
        declared(component.path("components"), fields);
      }
    }
  }

  /**
   * The elements of a model ({@code userTask}, {@code startEvent}) that name a form: id to camunda:formRef
   * (read as XML: the model API takes seconds).
   */
  private static Map<String, String> formRefs(Path model, String element) throws IOException {
    Map<String, String> tasks = new TreeMap<>();
    try (InputStream in = Files.newInputStream(model)) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals(element)
            && BPMN.equals(xml.getNamespaceURI())) {
          String formRef = xml.getAttributeValue(CAMUNDA, "formRef");
          if (formRef != null) {
            tasks.put(xml.getAttributeValue(null, "id"), formRef);
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(model + " is not readable XML", e);
    }
    return tasks;
  }

  /** Every TaskForm or StartForm ({@code kind}) on the class path, found by reading class files (nothing is started). */
  static List<Found> forms(Class<?> kind) {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AssignableTypeFilter(kind));
    SpringObjenesis objenesis = new SpringObjenesis();
    List<Found> found = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("uk.jtai.response")) {
      Class<?> type;
      try {
        type = Class.forName(candidate.getBeanClassName(), false, FormRecordsTest.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      String kindName = kind.getSimpleName();
      assertThat(AnnotatedElementUtils.hasAnnotation(type, Component.class))
          .as(type.getSimpleName() + " is a " + kindName + ", so a @Component: found among the beans").isTrue();
      Class<?> record = ResolvableType.forClass(type).as(kind).getGeneric(0).resolve();
      assertThat(record).as(type.getSimpleName() + " names its record: implements " + kindName + "<" + type.getSimpleName()
          + ".Submitted>").isNotNull();
      // formId() returns a constant: an instance made without its constructor (no services) can say it.
      Object form = objenesis.newInstance(type);
      String formId = form instanceof TaskForm<?> task ? task.formId() : ((StartForm<?>) form).formId();
      found.add(new Found(type, record.asSubclass(Record.class), formId));
    }
    return found;
  }
}
