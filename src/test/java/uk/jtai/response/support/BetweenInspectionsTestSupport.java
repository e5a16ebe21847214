package uk.jtai.response.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import uk.jtai.response.calendar.EngineTime;

/**
 * For the processes the Business Unit runs between inspections: starting them as Tasklist's start forms
 * do, reading and changing the rows of a task's structured field, and leaving no run open for the next
 * test (a theme has one readiness run at a time).
 */
public abstract class BetweenInspectionsTestSupport extends ProcessTestSupport {

  protected static final List<String> BETWEEN_INSPECTIONS = List.of("theme-readiness", "benchmarking", "partnership-contacts", "rehearsal");

  protected final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void closeWhatIsOpen() {
    for (String key : BETWEEN_INSPECTIONS) {
      runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
    }
    jdbc.update("update jtai_readiness set closed_at = ?, closed_reason = 'test over', open_theme = null where closed_at is null",
        EngineTime.now().atOffset(ZoneOffset.UTC));
  }

  /** Starts the latest version of {@code processKey} with its start form's values. */
  protected ProcessInstance startWithForm(String processKey, Map<String, Object> values) {
    String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult().getId();
    return forms.submitStartForm(definitionId, values);
  }

  /** The rows of a task's Json form variable (a dynamic list or table), as Tasklist loads them. */
  protected ArrayNode rows(Task task, String variable) {
    try {
      return (ArrayNode) json.readTree(forms.getTaskFormVariables(task.getId()).get(variable).toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows, each changed by {@code change}, as the typed Json value a form submits. */
  protected TypedValue rowsChanged(Task task, String variable, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    ArrayNode rows = rows(task, variable);
    rows.forEach(row -> change.accept((com.fasterxml.jackson.databind.node.ObjectNode) row));
    return jsonValue(rows);
  }

  protected static TypedValue jsonValue(JsonNode node) {
    return SpinValues.jsonValue(node.toString()).create();
  }

  /** Rows of a view (table) as "column=value" maps, for assertions. */
  protected List<Map<String, String>> table(Task task, String variable) {
    return json.convertValue(rows(task, variable),
        json.getTypeFactory().constructCollectionType(List.class, json.getTypeFactory().constructMapType(Map.class, String.class, String.class)));
  }
}
