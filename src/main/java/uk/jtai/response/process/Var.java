package uk.jtai.response.process;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * A process variable declared once, with its name and type; Java code reads and writes variables
 * through these declarations, never through string literals scattered around.
 *
 * <p>A variable {@linkplain #ofProcess held by the process instance} is read there first: Camunda finds a variable
 * by asking each scope from the step up to the process instance, one query per scope whose variables the command has
 * not loaded yet (up to six for a task per child within a step per agency), where the process instance alone needs
 * at most one (issue 19).
 */
public record Var<T>(String name, Class<T> type, boolean processWide) {

  public static <T> Var<T> of(String name, Class<T> type) {
    return new Var<>(name, type, false);
  }

  /**
   * A variable set on the process instance and never on a scope within it (what the inspection is, set at the start
   * or passed to a called process): read from the process instance without asking the scopes between.
   */
  public static <T> Var<T> ofProcess(String name, Class<T> type) {
    return new Var<>(name, type, true);
  }

  public Optional<T> find(VariableScope scope) {
    Object value = processWide ? fromProcessInstance(scope) : null;
    if (value == null) {
      value = scope.getVariable(name);
    }
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      throw new IllegalStateException("variable '" + name + "' holds " + value.getClass().getSimpleName()
          + ", expected " + type.getSimpleName());
    }
    return Optional.of(type.cast(value));
  }

  /** The value on the scope's process instance, if the scope is an engine entity within one and it has one there. */
  private Object fromProcessInstance(VariableScope scope) {
    ExecutionEntity instance = scope instanceof TaskEntity task ? task.getProcessInstance()
        : scope instanceof ExecutionEntity execution ? execution.getProcessInstance() : null;
    return instance == null ? null : instance.getVariableLocal(name);
  }

  public T get(VariableScope scope) {
    return find(scope).orElseThrow(() -> new IllegalStateException("variable '" + name + "' is not set"));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }
}
