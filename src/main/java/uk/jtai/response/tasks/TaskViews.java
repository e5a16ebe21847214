package uk.jtai.response.tasks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.value.impl.JsonValueImpl;

/**
 * What a task shows that must not be stored in the engine: child-level data (the children, the agencies'
 * answers, a concern's summary) is a <em>view</em>, not an input mapping. A user task declares each as an
 * extension property {@code view:<field>} whose value is an expression (e.g.
 * {@code ${knownToAgency.rows(execution)}}); it is evaluated from the product's tables each time the
 * task's form is opened (its form variables), so it never becomes a process variable, a history entry
 * or a form-field detail, and it is always current.
 */
public final class TaskViews {

  static final String PREFIX = "view:";
  private static final String PROPERTY = "jtaiViews";

  private TaskViews() {}

  /** At parse time: keeps the user task's {@code view:} properties, compiled, on its activity. */
  static void parse(Element userTask, ActivityImpl activity) {
    Map<String, Expression> views = new LinkedHashMap<>();
    Element extensions = userTask.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties != null) {
      for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        String name = property.attribute("name");
        if (name != null && name.startsWith(PREFIX)) {
          views.put(name.substring(PREFIX.length()),
              Context.getProcessEngineConfiguration().getExpressionManager().createExpression(property.attribute("value")));
        }
      }
    }
    if (!views.isEmpty()) {
      activity.setProperty(PROPERTY, Collections.unmodifiableMap(views));
    }
  }

  /** The views of the task's step, by field name (none for a task outside a process). */
  @SuppressWarnings("unchecked")
  static Map<String, Expression> of(TaskEntity task) {
    Object views = TaskFormGuard.stepProperty(task, PROPERTY);
    return views == null ? Map.of() : (Map<String, Expression>) views;
  }

  /**
   * A view's value as a form variable: JSON as a Json value, text as text. Like the engine's own variables,
   * JSON comes deserialized only when asked for: Tasklist asks for the serialized text and parses it.
   */
  static TypedValue typed(Object value, boolean deserialized) {
    if (value == null) {
      return Variables.untypedNullValue();
    }
    if (value instanceof SpinJsonNode json) {
      return deserialized ? new JsonValueImpl(json, json.toString(), "application/json", true)
          : new JsonValueImpl(null, json.toString(), "application/json", false);
    }
    if (value instanceof TypedValue typed) {
      return typed;
    }
    return Variables.untypedValue(value);
  }
}
