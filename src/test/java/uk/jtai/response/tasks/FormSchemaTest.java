package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import uk.jtai.response.process.Standing;

/**
 * Every form in forms/ reads as a server schema, and the models and forms agree on the rules of the
 * trust boundary: no task's form declares where a task stands, and what children are shown in or
 * submitted by is marked child-level. Milliseconds, so a renamed or mistyped field fails before any
 * engine starts.
 */
class FormSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");
  private static final Pattern START_EVENT = Pattern.compile("<bpmn:startEvent[^>]*camunda:formRef=\"([^\"]+)\"");
  private static final Pattern VIEW = Pattern.compile("<camunda:property name=\"view:([^\"]+)\"");

  private static Map<String, FormSchema> forms() throws IOException {
    Map<String, FormSchema> forms = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        FormSchema schema = FormSchema.of(JSON.readTree(Files.readString(file)));
        assertThat(file.getFileName().toString()).isEqualTo(schema.id() + ".form");
        forms.put(schema.id(), schema);
      }
    }
    return forms;
  }

  private static List<String> models() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  void everyFormReadsAsASchemaAndEveryFormRefHasAForm() throws IOException {
    Map<String, FormSchema> forms = forms();
    assertThat(forms).hasSizeGreaterThan(50);
    Set<String> referenced = new HashSet<>();
    for (String model : models()) {
      Matcher ref = FORM_REF.matcher(model);
      while (ref.find()) {
        referenced.add(ref.group(1));
      }
    }
    assertThat(forms.keySet()).containsAll(referenced);
    assertThat(referenced).as("every form is used by a model").containsAll(forms.keySet());
  }

  @Test
  void noTaskFormDeclaresWhereATaskStands() throws IOException {
    Set<String> startForms = new HashSet<>();
    for (String model : models()) {
      Matcher start = START_EVENT.matcher(model);
      while (start.find()) {
        startForms.add(start.group(1));
      }
    }
    for (FormSchema form : forms().values()) {
      if (!startForms.contains(form.id())) {
        assertThat(form.fields().keySet()).as(form.id()).doesNotContainAnyElementsOf(Standing.NAMES);
      }
    }
  }

  @Test
  void whatChildrenAreShownAndSubmittedInIsChildLevel() throws IOException {
    Map<String, FormSchema> forms = forms();
    Map<String, List<String>> childLevel = Map.of(
        "record-first-selection", List.of("firstSelectionEntry"),
        "record-audit-selection", List.of("firstSelectionList", "auditSelectionEntry"),
        "known-to-agency", List.of("knownToAgencyAnswers"),
        "respond-to-concern", List.of("concernSummary", "agencyResponse"),
        "record-issue-of-concern", List.of("concernSummary"),
        "sign-off-audit", List.of("sentBackReason"),
        "complete-audit-tool", List.of("sentBackReason"));
    childLevel.forEach((form, fields) -> fields.forEach(field ->
        assertThat(forms.get(form).field(field).childLevel()).as(form + "." + field).isTrue()));
  }

  @Test
  void aViewThatIsAlsoAFieldOfItsFormIsChildLevel() throws IOException {
    Map<String, FormSchema> forms = forms();
    for (String model : models()) {
      for (String task : model.split("<bpmn:userTask ")) {
        Matcher ref = FORM_REF.matcher(task);
        if (!ref.find() || !task.contains("view:")) {
          continue;
        }
        String taskPart = task.substring(0, task.indexOf("</bpmn:userTask>"));
        Matcher view = VIEW.matcher(taskPart);
        while (view.find()) {
          FormSchema.Field field = forms.get(ref.group(1)).field(view.group(1));
          if (field != null) {
            assertThat(field.childLevel()).as(ref.group(1) + "." + view.group(1) + " is a view").isTrue();
          }
        }
      }
    }
  }

  /**
   * A task offered to each agency in turn (its candidate group an expression: {@code ${agency}}...) shares its process
   * instance with the other agencies' tasks. A field it submits that is neither child-level (kept by the product) nor
   * mapped on the task or a scope around it would become a variable of the whole process: every other agency's task
   * would show it in its form and over {@code /task/{id}/variables}. The police's deputy's e-mail once filled in
   * health's own form.
   */
  @Test
  void aTaskOfferedPerAgencyKeepsWhatItSubmitsInItsOwnScope() throws IOException {
    Map<String, FormSchema> forms = forms();
    List<String> leaking = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          String groups = task.getCamundaCandidateGroups();
          if (groups == null || !groups.contains("${") || task.getCamundaFormRef() == null) {
            continue;
          }
          Set<String> scoped = new HashSet<>();
          for (ModelElementInstance scope = task; scope instanceof FlowElement element; scope = scope.getParentElement()) {
            if (element.getExtensionElements() != null) {
              element.getExtensionElements().getElementsQuery()
                  .filterByType(CamundaInputOutput.class).list()
                  .forEach(io -> io.getCamundaInputParameters().forEach(p -> scoped.add(p.getCamundaName())));
            }
          }
          forms.get(task.getCamundaFormRef()).fields().values().stream()
              .filter(field -> !field.childLevel() && !scoped.contains(field.key()))
              .forEach(field -> leaking.add(file.getFileName() + " " + task.getId() + "." + field.key()));
        }
      }
    }
    assertThat(leaking).as("fields of per-agency tasks that would become variables of the whole process").isEmpty();
  }
}
