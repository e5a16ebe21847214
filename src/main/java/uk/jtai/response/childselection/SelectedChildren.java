package uk.jtai.response.childselection;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table jtai_selected_child: the inspectors' selections of one inspection. Writes join the caller's
 * transaction (a refused or failed step records nothing).
 */
@Repository
public class SelectedChildren {

  private final JdbcTemplate jdbc;

  public SelectedChildren(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void recordFirstSelection(String reference, List<String> children) {
    jdbc.update("delete from jtai_selected_child where reference = ?", reference);
    for (int i = 0; i < children.size(); i++) {
      jdbc.update("insert into jtai_selected_child (reference, child_reference, position, selected_for_audit) "
          + "values (?, ?, ?, false)", reference, children.get(i), i + 1);
    }
  }

  public void recordAuditSelection(String reference, List<String> children) {
    jdbc.update("update jtai_selected_child set selected_for_audit = false, audit_position = null where reference = ?", reference);
    for (int i = 0; i < children.size(); i++) {
      jdbc.update("update jtai_selected_child set selected_for_audit = true, audit_position = ? "
          + "where reference = ? and child_reference = ?", i + 1, reference, children.get(i));
    }
  }

  /** The first selection, in the inspectors' order. */
  public List<String> firstSelection(String reference) {
    return jdbc.queryForList("select child_reference from jtai_selected_child where reference = ? order by position",
        String.class, reference);
  }

  /** The children selected for audit, in the inspectors' order. */
  public List<String> auditSelection(String reference) {
    return jdbc.queryForList("select child_reference from jtai_selected_child where reference = ? "
        + "and selected_for_audit = true order by audit_position", String.class, reference);
  }

  public int delete(String reference) {
    return jdbc.update("delete from jtai_selected_child where reference = ?", reference);
  }
}
