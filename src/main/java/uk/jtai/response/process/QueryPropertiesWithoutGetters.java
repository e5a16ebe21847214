package uk.jtai.response.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;

/**
 * How MyBatis (inside the engine) reads a property of a query object that has no getter of its name: with the method
 * or field OGNL finds for it, found once per class and property, instead of OGNL searching every method of the class
 * on every query.
 *
 * <p>Camunda's SQL mappings test query properties in OGNL ({@code <if test="isWithoutTenantId">}). Where a property has
 * no getter of that name ({@code TaskQueryImpl.isWithoutTenantId} and {@code isOrQueryActive}, read by the method of
 * that very name: every task query), OGNL's {@code OgnlRuntime.getReadMethod} compares the name, lower-cased, with each
 * of the class's methods (about 400 for a task query) and caches nothing. That search was 5 to 6% of the CPU of a
 * benchmark run (issue 19, Java Flight Recorder; MyBatis 3.5.19's OGNL does the same). The outcome is what OGNL would
 * have read, with the same access check: the method it finds, else the field; a property with a getter goes through
 * OGNL's own path, which caches it, as before.
 */
public final class QueryPropertiesWithoutGetters extends ObjectPropertyAccessor {

  private static final QueryPropertiesWithoutGetters INSTANCE = new QueryPropertiesWithoutGetters();

  /** How OGNL reads a property: through its getter (OGNL's own, cached path), another method, or the field. */
  record Reader(boolean getter, Method method) {}

  private final Map<Class<?>, Map<String, Reader>> readers = new ConcurrentHashMap<>();

  private QueryPropertiesWithoutGetters() {}

  /** Puts it in place of OGNL's accessor for plain objects (maps, lists and the like keep their own). Idempotent. */
  public static void install() {
    OgnlRuntime.setPropertyAccessor(Object.class, INSTANCE);
  }

  @Override
  public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
    Reader reader = target == null ? null : reader(target.getClass(), name);
    if (reader == null || reader.getter()) {
      return super.getPossibleProperty(context, target, name);
    }
    try {
      if (reader.method() != null && context.getMemberAccess().isAccessible(context, target, reader.method(), name)) {
        return OgnlRuntime.invokeMethod(target, reader.method(), OgnlRuntime.NoArguments);
      }
      return OgnlRuntime.getFieldValue(context, target, name, true);
    } catch (InvocationTargetException e) {
      throw new OgnlException(name, e.getTargetException());
    } catch (Exception e) {
      throw new OgnlException(name, e);
    }
  }

  Reader reader(Class<?> type, String name) {
    return readers.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).computeIfAbsent(name, n ->
        OgnlRuntime.getGetMethod(type, n) != null ? new Reader(true, null) : new Reader(false, OgnlRuntime.getReadMethod(type, n, null)));
  }
}
