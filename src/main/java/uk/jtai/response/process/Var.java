package uk.jtai.response.process;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * A process variable declared once, with its name and type; Java code reads and writes variables
 * through these declarations, never through string literals scattered around.
 *
 * <p>A variable {@linkplain #ofProcess held by the process instance} is read there first, without looking in the
 * scopes between (issue 19). The scopes' variables are loaded with it all the same, in the same statement
 * ({@link VariablesAhead}: a load of a scope's variables brings those of every scope above it that the command has not
 * loaded): a command that reads the process instance's variable nearly always reads one of the scopes' next (a task's
 * name, its agency, its child), and loading the process instance alone first made that a second statement.
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
    ExecutionEntity own = scope instanceof TaskEntity task ? task.getExecution()
        : scope instanceof ExecutionEntity execution ? execution : null;
    if (own == null || own.getProcessInstance() == null) {
      return null;
    }
    // The first of these scopes whose variables are not loaded loads its own and those of every scope above it, in
    // one statement; a scope created in this command has none to load, and one already loaded costs nothing (asking
    // whether it has any copies nothing, where listing them copied each scope's variables on every read).
    for (ExecutionEntity each = own; each != null; each = each.getParent()) {
      each.hasVariablesLocal();
    }
    return own.getProcessInstance().getVariableLocal(name);
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
