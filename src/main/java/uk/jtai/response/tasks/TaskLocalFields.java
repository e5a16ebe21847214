package uk.jtai.response.tasks;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.el.ElValueProvider;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The fields a user task keeps to itself. A model says so as it always has, with an input mapping of the field
 * to {@code ${null}} on the user task: the value is the task's, never the process's (nothing after the task reads
 * it; its form's check records what the service keeps). Run as written, each such mapping made an engine variable
 * when the task was created (a row and its history), updated it when the form was submitted (and its history,
 * read first) and deleted it when the task ended: about six statements per field, 1.3 fields per task.
 *
 * <p>Instead, once the process is parsed the mapping is taken off the activity and the field remembered on it (the activity
 * stays a scope, so instances started before this change run on unchanged); a submission then writes these
 * fields as variables of the task itself, in the command that completes it, where they are created and removed
 * in one flush: the engine writes only their history. A task's own fields are never filled in from a process
 * variable of the same name when its form is opened ({@link GuardedFormService#getTaskFormVariables}), as the
 * mapping's {@code null} did. A {@code ${null}} mapping on a sub-process is routing kept per instance of it
 * (an agency's decision for one child) and stays as it is.
 */
public final class TaskLocalFields {

  private static final String NULL = "${null}";
  private static final String PROPERTY = "jtaiTaskLocalFields";

  private TaskLocalFields() {}

  /**
   * Once a process is parsed (Camunda sets an activity's input mappings only after the parse listeners have seen
   * the activity): takes the {@code ${null}} input mappings off every user task of {@code scope}, nested ones too,
   * and remembers their names on the task's activity.
   */
  static void strip(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      IoMapping mapping = activity.getIoMapping();
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior && mapping != null) {
        Set<String> own = new LinkedHashSet<>();
        mapping.getInputParameters().removeIf(input -> input.getValueProvider() instanceof ElValueProvider value
            && NULL.equals(value.getExpression().getExpressionText().strip()) && own.add(input.getName()));
        if (!own.isEmpty()) {
          activity.setProperty(PROPERTY, Collections.unmodifiableSet(own));
        }
      }
      strip(activity);
    }
  }

  /** The fields the task keeps to itself (none for a task outside a process). */
  @SuppressWarnings("unchecked")
  static Set<String> of(TaskEntity task) {
    Object fields = TaskFormGuard.stepProperty(task, PROPERTY);
    return fields == null ? Set.of() : (Set<String>) fields;
  }

  /**
   * Splits what a submission may write to the engine: the task's own fields are set on the task (removed with it,
   * in the same command); the rest is returned for the command that completes it, as before.
   */
  static VariableMap keepOwnOnTask(TaskEntity task, VariableMap engine) {
    Set<String> own = of(task);
    if (engine == null || own.isEmpty()) {
      return engine;
    }
    VariableMap rest = Variables.createVariables();
    for (String name : engine.keySet()) {
      if (own.contains(name)) {
        task.setVariableLocal(name, engine.getValueTyped(name));
      } else {
        rest.putValueTyped(name, engine.getValueTyped(name));
      }
    }
    return rest;
  }
}
