package uk.jtai.response.caseaudit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table jtai_audit_return: where each agency's return for each audited child stands. */
@Repository
public class AuditReturns {

  public enum Status { AWAITING_SIGN_OFF, SENT_BACK, SUBMITTED }

  private final JdbcTemplate jdbc;

  public AuditReturns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void completed(String reference, String agency, int child, String location, String by) {
    int updated = jdbc.update("update jtai_audit_return set status = ?, location = ?, completed_by = ? "
        + "where reference = ? and agency = ? and child_position = ?",
        Status.AWAITING_SIGN_OFF.name(), location, by, reference, agency, child);
    if (updated == 0) {
      jdbc.update("insert into jtai_audit_return (reference, agency, child_position, status, location, completed_by, "
          + "sent_back_count) values (?, ?, ?, ?, ?, ?, 0)", reference, agency, child, Status.AWAITING_SIGN_OFF.name(), location, by);
    }
  }

  public void sentBack(String reference, String agency, int child, String by, String reason) {
    jdbc.update("update jtai_audit_return set status = ?, signed_off_by = ?, sent_back_reason = ?, "
        + "sent_back_count = sent_back_count + 1 where reference = ? and agency = ? and child_position = ?",
        Status.SENT_BACK.name(), by, reason, reference, agency, child);
  }

  /** The senior's reason, while the return is sent back. */
  public java.util.Optional<String> sentBackReason(String reference, String agency, int child) {
    return jdbc.queryForList("select sent_back_reason from jtai_audit_return where reference = ? and agency = ? "
        + "and child_position = ? and status = ?", String.class, reference, agency, child, Status.SENT_BACK.name())
        .stream().filter(java.util.Objects::nonNull).findFirst();
  }

  public void submitted(String reference, String agency, int child, String by, Instant at) {
    jdbc.update("update jtai_audit_return set status = ?, signed_off_by = ?, submitted_at = ? "
            + "where reference = ? and agency = ? and child_position = ?",
        Status.SUBMITTED.name(), by, at.atOffset(ZoneOffset.UTC), reference, agency, child);
  }

  /** agency -> child position -> status, for the returns that have been started. */
  public Map<String, Map<Integer, Status>> statuses(String reference) {
    Map<String, Map<Integer, Status>> statuses = new HashMap<>();
    jdbc.query("select agency, child_position, status from jtai_audit_return where reference = ?", rs -> {
      statuses.computeIfAbsent(rs.getString(1), a -> new HashMap<>()).put(rs.getInt(2), Status.valueOf(rs.getString(3)));
    }, reference);
    return statuses;
  }

  public int submittedCount(String reference, String agency) {
    Integer n = jdbc.queryForObject("select count(*) from jtai_audit_return where reference = ? and agency = ? and status = ?",
        Integer.class, reference, agency, Status.SUBMITTED.name());
    return n == null ? 0 : n;
  }
}
