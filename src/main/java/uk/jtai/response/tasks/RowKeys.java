package uk.jtai.response.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Camunda Forms (form-js) submit a dynamic list's rows with the values of the fields the form shows only:
 * a key it does not show, such as a row's id, comes back missing. The rows come back in the order they
 * were offered, so such a key is taken back by position, before the form's check reads the rows.
 */
public final class RowKeys {

  private RowKeys() {}

  /**
   * Where a submitted row of list {@code list} lacks {@code key}, sets it to the key of the row offered in
   * the same place ({@code offered}, in the order the form showed them). Rows that carry the key (a REST
   * client) are left as they are, and so checked as sent.
   */
  public static <R extends Record> void restoreByPosition(Submission submission, Key<R> list, String key,
                                                          List<String> offered) {
    String field = list.name();
    if (!(submission.value(field) instanceof JsonNode rows) || !rows.isArray()) {
      return; // absent, or the form's check says what is wrong with it
    }
    JsonNode restored = rows.deepCopy();
    boolean changed = false;
    for (int i = 0; i < restored.size() && i < offered.size(); i++) {
      if (restored.get(i) instanceof ObjectNode row && row.path(key).asText("").isBlank()) {
        row.put(key, offered.get(i));
        changed = true;
      }
    }
    if (changed) {
      submission.replace(field, restored);
    }
  }
}
