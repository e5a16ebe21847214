package uk.jtai.response.childselection;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table jtai_selected_child: the inspectors' selections of one inspection. Writes join the caller's
 * transaction (a refused or failed step records nothing).
 */
@Repository
public class SelectedChildren {

  private final JdbcClient jdbc;

  public SelectedChildren(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void recordFirstSelection(String reference, List<String> children) {
    jdbc.sql("delete from jtai_selected_child where reference = ?")
        .param(reference).update();
    for (int i = 0; i < children.size(); i++) {
      jdbc.sql("insert into jtai_selected_child (reference, child_reference, position, selected_for_audit) "
              + "values (?, ?, ?, false)")
          .params(reference, children.get(i), i + 1).update();
    }
  }

  public void recordAuditSelection(String reference, List<String> children) {
    jdbc.sql("update jtai_selected_child set selected_for_audit = false, audit_position = null where reference = ?")
        .param(reference).update();
    for (int i = 0; i < children.size(); i++) {
      jdbc.sql("update jtai_selected_child set selected_for_audit = true, audit_position = ? "
              + "where reference = ? and child_reference = ?")
          .params(i + 1, reference, children.get(i)).update();
    }
  }

  /** The first selection, in the inspectors' order. */
  public List<String> firstSelection(String reference) {
    return jdbc.sql("select child_reference from jtai_selected_child where reference = ? order by position")
        .param(reference).query(String.class).list();
  }

  /** The children selected for audit, in the inspectors' order. */
  public List<String> auditSelection(String reference) {
    return jdbc.sql("select child_reference from jtai_selected_child where reference = ? "
            + "and selected_for_audit = true order by audit_position")
        .param(reference).query(String.class).list();
  }

  /** One of the first selection replaced in its place (a correction): its position and audit flag kept. */
  public void replace(String reference, String replaced, String replacement) {
    jdbc.sql("update jtai_selected_child set child_reference = ? where reference = ? and child_reference = ?")
        .params(replacement, reference, replaced).update();
  }

  /** One of the children selected for audit swapped for another of the first selection, in its audit position. */
  public void swapForAudit(String reference, String replaced, String replacement, int auditPosition) {
    jdbc.sql("update jtai_selected_child set selected_for_audit = false, audit_position = null "
            + "where reference = ? and child_reference = ?")
        .params(reference, replaced).update();
    jdbc.sql("update jtai_selected_child set selected_for_audit = true, audit_position = ? "
            + "where reference = ? and child_reference = ?")
        .params(auditPosition, reference, replacement).update();
  }

  public int delete(String reference) {
    return jdbc.sql("delete from jtai_selected_child where reference = ?")
        .param(reference).update();
  }
}
