package uk.jtai.response.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.Spin;

/**
 * Camunda Forms (form-js) submit a dynamic list's rows with the values of the fields the form shows only:
 * a key it does not show, such as a row's id, comes back missing. The rows come back in the order they
 * were offered, so such a key is taken back by position, before the form's check reads the rows.
 */
public final class RowKeys {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RowKeys() {}

  /**
   * Where a submitted row of the list variable lacks {@code key}, sets it to the key of the row offered in
   * the same place ({@code offered}, in the order the form showed them) and stores the list again. Rows
   * that carry the key (a REST client) are left as they are, and so checked as sent.
   */
  public static void restoreByPosition(DelegateTask task, String variable, String key, List<String> offered) {
    Object value = task.getVariable(variable);
    if (value == null) {
      return;
    }
    JsonNode rows;
    try {
      rows = JSON.readTree(value.toString());
    } catch (Exception unreadable) {
      return; // the form's check says what is wrong with it
    }
    if (!rows.isArray()) {
      return;
    }
    boolean restored = false;
    for (int i = 0; i < rows.size() && i < offered.size(); i++) {
      if (rows.get(i) instanceof ObjectNode row && row.path(key).asText("").isBlank()) {
        row.put(key, offered.get(i));
        restored = true;
      }
    }
    if (restored) {
      task.setVariable(variable, Spin.JSON(rows.toString()));
    }
  }
}
