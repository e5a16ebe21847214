package uk.jtai.response.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import org.apache.ibatis.builder.BuilderException;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MyBatis's expressions read a query's properties as before (issue 19): a property without a getter from its field,
 * one with a getter through it, a missing one still an error; only the search for a read method is done once.
 */
class QueryPropertiesWithoutGettersTest {

  @BeforeAll
  static void install() {
    QueryPropertiesWithoutGetters.install();
  }

  @Test
  void aTaskQuerysPropertiesReadAsBeforeWithOrWithoutGetters() throws Exception {
    TaskQueryImpl query = new TaskQueryImpl();
    assertThat(OgnlCache.getValue("isWithoutTenantId", query)).isEqualTo(false);
    query.withoutTenantId();
    assertThat(OgnlCache.getValue("isWithoutTenantId", query)).isEqualTo(true);
    assertThat(OgnlCache.getValue("isOrQueryActive", query)).isEqualTo(false);

    Method getter = TaskQueryImpl.class.getMethod("getProcessInstanceId");
    assertThat(getter).isNotNull();
    query.processInstanceId("instance-1");
    assertThat(OgnlCache.getValue("processInstanceId", query)).isEqualTo("instance-1");
    assertThat(OgnlCache.getValue("processInstanceId != null and isWithoutTenantId", query)).isEqualTo(true);
  }

  @Test
  void aPropertyWithoutAGetterIsReadByTheMethodOgnlFindsForItAndAMissingOneIsStillAnError() throws Exception {
    QueryPropertiesWithoutGetters accessor = accessor();
    assertThat(accessor.reader(TaskQueryImpl.class, "isWithoutTenantId").method())
        .isEqualTo(TaskQueryImpl.class.getMethod("isWithoutTenantId"));
    assertThat(accessor.reader(TaskQueryImpl.class, "processInstanceId").getter()).isTrue();
    QueryPropertiesWithoutGetters.Reader none = accessor.reader(TaskQueryImpl.class, "noSuchProperty");
    assertThat(none.getter()).isFalse();
    assertThat(none.method()).isNull();

    assertThatThrownBy(() -> OgnlCache.getValue("noSuchProperty", new TaskQueryImpl())).isInstanceOf(BuilderException.class);
  }

  private static QueryPropertiesWithoutGetters accessor() throws Exception {
    return (QueryPropertiesWithoutGetters) org.apache.ibatis.ognl.OgnlRuntime.getPropertyAccessor(TaskQueryImpl.class);
  }
}
