package uk.jtai.response.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import uk.jtai.response.tasks.FormSchema;

/**
 * The inspection script against the models and forms, without an engine (milliseconds): every user task
 * of bpmn/jtai-inspection.bpmn and of the stages it calls is a step of the script, or is listed below as
 * reached only on a variant path, with the reason; and every step submits only fields of its task's form.
 */
class InspectionScriptTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * User tasks the on-time script does not reach, each with why: only a variant path of the models reaches
   * them (a test that needs one varies the script). Today every user task is on the on-time path.
   */
  static final Map<String, String> ONLY_ON_A_VARIANT_PATH = Map.of();

  /** A model's user tasks, id to camunda:formRef, and the processes it calls. */
  record Model(Map<String, String> userTasks, Set<String> calls) {}

  private static Model model(String processKey) throws IOException {
    Map<String, String> userTasks = new TreeMap<>();
    Set<String> calls = new TreeSet<>();
    try (InputStream in = Files.newInputStream(Path.of("bpmn", processKey + ".bpmn"))) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && BPMN.equals(xml.getNamespaceURI())) {
          if (xml.getLocalName().equals("userTask")) {
            userTasks.put(xml.getAttributeValue(null, "id"), xml.getAttributeValue(CAMUNDA, "formRef"));
          } else if (xml.getLocalName().equals("callActivity")) {
            calls.add(xml.getAttributeValue(null, "calledElement"));
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(processKey + " is not readable XML", e);
    }
    return new Model(userTasks, calls);
  }

  /** The inspection's user tasks, id to form: its own and those of every process it calls, transitively. */
  private static Map<String, String> inspectionUserTasks() throws IOException {
    Map<String, String> userTasks = new TreeMap<>();
    List<String> toRead = new ArrayList<>(List.of("jtai-inspection"));
    Set<String> read = new TreeSet<>();
    while (!toRead.isEmpty()) {
      String key = toRead.remove(0);
      if (read.add(key)) {
        Model model = model(key);
        userTasks.putAll(model.userTasks());
        toRead.addAll(model.calls());
      }
    }
    assertThat(read).as("the inspection and the stages it calls").contains("notification-cascade", "after-fieldwork");
    return userTasks;
  }

  @Test
  void everyUserTaskOfTheInspectionIsScriptedOrReachedOnlyOnAVariantPath() throws IOException {
    Map<String, String> userTasks = inspectionUserTasks();
    Set<String> scripted = new TreeSet<>();
    InspectionScript.onTime().steps().stream().map(InspectionScript.Step::taskKey).filter(key -> key != null)
        .forEach(scripted::add);

    Set<String> missing = new TreeSet<>(userTasks.keySet());
    missing.removeAll(scripted);
    missing.removeAll(ONLY_ON_A_VARIANT_PATH.keySet());
    assertThat(missing).as("user tasks neither in the script nor listed as reached only on a variant path").isEmpty();

    Set<String> unknown = new TreeSet<>(scripted);
    unknown.addAll(ONLY_ON_A_VARIANT_PATH.keySet());
    unknown.removeAll(userTasks.keySet());
    assertThat(unknown).as("steps and listed tasks that are no user task of the inspection's models").isEmpty();
    Set<String> both = new TreeSet<>(scripted);
    both.retainAll(ONLY_ON_A_VARIANT_PATH.keySet());
    assertThat(both).as("listed as variant-only, yet scripted").isEmpty();
  }

  @Test
  void everyStepSubmitsOnlyFieldsOfItsTasksForm() throws IOException {
    Map<String, String> userTasks = inspectionUserTasks();
    InspectionScript script = InspectionScript.onTime();
    InspectionScript.Inspection inspection = new InspectionScript.Inspection("JTAI-2027-05-S1", "domestic-abuse",
        Instant.parse("2027-05-24T08:10:00Z"), List.of("la", "police", "health", "probation", "education"),
        List.of("la", "police", "health", "probation"), List.of("la", "police", "health"), List.of("C1", "C2", "C3"), 2, agency -> agency + ".senior",
        Map.of("ANNEX_A_FIRST_LISTS_DUE", List.of("la"), "AGENCY_THEME_LISTS_DUE", List.of("police")),
        List.of("STRATEGIC_ARRANGEMENTS_MEETING"));
    Map<String, List<String>> problems = new LinkedHashMap<>();
    for (InspectionScript.Step step : script.steps()) {
      if (step.taskKey() == null) {
        continue;
      }
      FormSchema form;
      try (InputStream in = Files.newInputStream(Path.of("forms", userTasks.get(step.taskKey()) + ".form"))) {
        form = FormSchema.read(in);
      }
      String agency = step.agencies() == null ? null : step.agencies().apply(inspection).get(0);
      Map<String, Object> variables = InspectionScript.variables(step.values().apply(
          InspectionScript.context(inspection, new Offline(), step.actor().of(inspection, agency), step.taskKey(), agency,
              step.perChild() ? 1 : null)));
      assertThat(variables).as(step.name() + " submits something").isNotEmpty();
      List<String> notFields = variables.keySet().stream().filter(key -> form.field(key) == null).toList();
      if (!notFields.isEmpty()) {
        problems.put(step.name() + " (forms/" + form.id() + ".form)", notFields);
      }
    }
    assertThat(problems).as("values that are no field of the step's form").isEmpty();
  }

  @Test
  void variationsChangeOnlyWhatTheySay() {
    InspectionScript onTime = InspectionScript.onTime();
    assertThat(onTime.between("Task_RecordFirstSelection", "Task_SendAuditTool").steps()).extracting(InspectionScript.Step::name)
        .containsExactly("Task_RecordFirstSelection", "Task_ReturnKnownToAgency", "Task_ForwardReturns", "Task_RecordAuditSelection",
            "Task_SendAuditTool");
    assertThat(onTime.without("Task_CommentOnDraft").steps()).hasSize(onTime.steps().size() - 1)
        .extracting(InspectionScript.Step::name).doesNotContain("Task_CommentOnDraft");
    InspectionScript.Step secondVersion = new InspectionScript.Step("second version", "Task_UploadReportDraft",
        InspectionScript.Actor.user(InspectionScript.AUDIT_AUTHOR), null, false, false,
        context -> new uk.jtai.response.auditreport.UploadReportDraftForm.Submitted(2, "Report v2"));
    List<String> names = onTime.insertAfter("Task_ApproveAuditReport", secondVersion).steps().stream()
        .map(InspectionScript.Step::name).toList();
    assertThat(names.get(names.indexOf("Task_ApproveAuditReport") + 1)).isEqualTo("second version");
    assertThat(onTime.steps()).extracting(InspectionScript.Step::name).doesNotContain("second version");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> onTime.without("Task_NoSuchTask"))
        .hasMessageContaining("no step Task_NoSuchTask");
  }

  @Test
  void aSilentAgencyDoesNothingAndEveryoneElseDoesTheirPart() {
    InspectionScript.Inspection inspection = new InspectionScript.Inspection("JTAI-2027-05-S2", "domestic-abuse",
        Instant.parse("2027-05-24T08:10:00Z"), List.of("la", "police", "health", "probation", "education"),
        List.of("la", "police", "health", "probation"), List.of("la", "police", "health"), List.of("C1", "C2"), 1, agency -> agency + ".senior");
    InspectionScript silentPolice = InspectionScript.onTime().silent("police");
    assertThat(silentPolice.step("Task_ConfirmLeadContact").agencies().apply(inspection))
        .containsExactly("la", "health", "probation", "education");
    assertThat(silentPolice.step("Task_ReturnKnownToAgency").agencies().apply(inspection)).containsExactly("la", "health", "probation");
    assertThat(silentPolice.step("Task_RespondToConcern").agencies().apply(inspection)).as("the police's concern").isEmpty();
    assertThat(silentPolice.steps()).extracting(InspectionScript.Step::name).as("the Audit Chair is the police lead")
        .doesNotContain("Task_RecordAuditDay").contains("Task_UploadReportDraft", "Task_RecordFindings");
    assertThat(InspectionScript.onTime().silent("la").step("Task_SubmitAnnexA").agencies().apply(inspection)).isEmpty();
    assertThat(InspectionScript.onTime().silent("la").steps()).hasSize(InspectionScript.onTime().steps().size());
  }

  /** What a step's values are built from, without an engine: every milestone at the notification, no rows offered. */
  private static final class Offline implements InspectionScript.Performer {
    private final Instant now = Instant.parse("2027-05-24T09:00:00Z");

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public void moveTo(Instant instant) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant milestone(String reference, String name) {
      return now;
    }

    @Override
    public LocalDate nextWorkingDay(LocalDate day) {
      return day;
    }

    @Override
    public ZoneId zone() {
      return ZoneId.of("Europe/London");
    }

    @Override
    public void start(String user, Map<String, Object> startForm) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode offered(String user, String reference, String taskKey, String agency, Integer child, String variable) {
      return JSON.createArrayNode().add(JSON.createObjectNode());
    }

    @Override
    public Instant due(String user, String reference, String taskKey, String agency, Integer child) {
      return now;
    }

    @Override
    public void complete(String user, String reference, String taskKey, String agency, Integer child, Map<String, Object> variables) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void runDueJobs(String reference) {
      throw new UnsupportedOperationException();
    }
  }
}
