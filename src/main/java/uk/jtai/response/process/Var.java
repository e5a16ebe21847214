package uk.jtai.response.process;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable declared once, with its name and type; Java code reads and writes variables
 * through these declarations, never through string literals scattered around.
 */
public record Var<T>(String name, Class<T> type) {

  public static <T> Var<T> of(String name, Class<T> type) {
    return new Var<>(name, type);
  }

  public Optional<T> find(VariableScope scope) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      throw new IllegalStateException("variable '" + name + "' holds " + value.getClass().getSimpleName()
          + ", expected " + type.getSimpleName());
    }
    return Optional.of(type.cast(value));
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
