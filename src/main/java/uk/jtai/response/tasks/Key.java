package uk.jtai.response.tasks;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A form field, named by the component of the form's record that holds its value: {@code
 * Submitted::returnLocation} is field {@code returnLocation}. A form's record is the Java side of its
 * schema (the same keys; {@code FormRecordsTest} checks each record against its {@code .form} file), so a
 * key is written once, as the component's name, and the compiler finds every place that reads it.
 *
 * <p>The name is taken from the method reference itself (a serializable lambda says which method it
 * refers to), once per place it is written; anything but a record component's accessor is refused.
 */
@FunctionalInterface
public interface Key<R extends Record> extends Serializable {

  /** The component's accessor; the key is only ever asked for its {@link #name()}. */
  Object of(R submitted);

  /** The field's key in the form: the record component's name. */
  default String name() {
    return Names.of(this);
  }

  /** The key of {@code field}, e.g. {@code Key.nameOf(Submitted::concernAgency)} is "concernAgency". */
  static <R extends Record> String nameOf(Key<R> field) {
    return field.name();
  }

  /** Resolves and remembers each key's name. */
  final class Names {

    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

    private Names() {}

    static String of(Key<?> key) {
      return NAMES.computeIfAbsent(key.getClass(), type -> resolve(key));
    }

    private static String resolve(Key<?> key) {
      SerializedLambda lambda;
      try {
        Method writeReplace = key.getClass().getDeclaredMethod("writeReplace");
        writeReplace.setAccessible(true);
        lambda = (SerializedLambda) writeReplace.invoke(key);
      } catch (ReflectiveOperationException | ClassCastException notAMethodReference) {
        throw new IllegalArgumentException("a form field is named by a method reference to its record component, "
            + "such as Submitted::returnLocation", notAMethodReference);
      }
      String component = lambda.getImplMethodName();
      try {
        Class<?> type = Class.forName(lambda.getImplClass().replace('/', '.'), false, key.getClass().getClassLoader());
        RecordComponent[] components = type.getRecordComponents();
        if (components != null && Arrays.stream(components).anyMatch(c -> c.getName().equals(component))) {
          return component;
        }
      } catch (ClassNotFoundException unknown) {
        // refused below
      }
      throw new IllegalArgumentException("a form field is named by a method reference to its record component, such as "
          + "Submitted::returnLocation; " + lambda.getImplClass() + "::" + component + " is not one");
    }
  }
}
