package uk.jtai.response.caseaudit;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table jtai_audit_return: where each agency's return for each audited child stands. A nil return (the agency
 * has had no involvement with the child) is a return that is in, with no location and no sign-off.
 */
@Repository
public class AuditReturns {

  public enum Status {
    AWAITING_SIGN_OFF, SENT_BACK, SUBMITTED, NO_INVOLVEMENT;

    /** Whether the return is in: submitted, signed off, or a nil return. */
    public boolean in() {
      return this == SUBMITTED || this == NO_INVOLVEMENT;
    }
  }

  private final JdbcClient jdbc;

  public AuditReturns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void completed(String reference, String agency, int child, String location, String by) {
    int updated = jdbc.sql("update jtai_audit_return set status = ?, location = ?, completed_by = ? "
            + "where reference = ? and agency = ? and child_position = ?")
        .params(Status.AWAITING_SIGN_OFF.name(), location, by, reference, agency, child).update();
    if (updated == 0) {
      jdbc.sql("insert into jtai_audit_return (reference, agency, child_position, status, location, completed_by, "
              + "sent_back_count) values (?, ?, ?, ?, ?, ?, 0)")
          .params(reference, agency, child, Status.AWAITING_SIGN_OFF.name(), location, by).update();
    }
  }

  /** A nil return: the agency has had no involvement with the child, so no tool, no chronology, no sign-off. */
  public void noInvolvement(String reference, String agency, int child, String by, Instant at) {
    int updated = jdbc.sql("update jtai_audit_return set status = ?, location = null, completed_by = ?, signed_off_by = null, "
            + "submitted_at = ? where reference = ? and agency = ? and child_position = ?")
        .params(Status.NO_INVOLVEMENT.name(), by, utc(at), reference, agency, child).update();
    if (updated == 0) {
      jdbc.sql("insert into jtai_audit_return (reference, agency, child_position, status, completed_by, sent_back_count, "
              + "submitted_at) values (?, ?, ?, ?, ?, 0, ?)")
          .params(reference, agency, child, Status.NO_INVOLVEMENT.name(), by, utc(at)).update();
    }
  }

  public void sentBack(String reference, String agency, int child, String by, String reason) {
    jdbc.sql("update jtai_audit_return set status = ?, signed_off_by = ?, sent_back_reason = ?, "
            + "sent_back_count = sent_back_count + 1 where reference = ? and agency = ? and child_position = ?")
        .params(Status.SENT_BACK.name(), by, reason, reference, agency, child).update();
  }

  /** The senior's reason, while the return is sent back. */
  public java.util.Optional<String> sentBackReason(String reference, String agency, int child) {
    return jdbc.sql("select sent_back_reason from jtai_audit_return where reference = ? and agency = ? "
            + "and child_position = ? and status = ?")
        .params(reference, agency, child, Status.SENT_BACK.name()).query(String.class).list()
        .stream().filter(java.util.Objects::nonNull).findFirst();
  }

  public void submitted(String reference, String agency, int child, String by, Instant at) {
    jdbc.sql("update jtai_audit_return set status = ?, signed_off_by = ?, submitted_at = ? "
            + "where reference = ? and agency = ? and child_position = ?")
        .params(Status.SUBMITTED.name(), by, utc(at), reference, agency, child).update();
  }

  /** agency -> child position -> status, for the returns that have been started. */
  public Map<String, Map<Integer, Status>> statuses(String reference) {
    Map<String, Map<Integer, Status>> statuses = new HashMap<>();
    jdbc.sql("select agency, child_position, status from jtai_audit_return where reference = ?").param(reference)
        .query(Started.class).list()
        .forEach(row -> statuses.computeIfAbsent(row.agency(), a -> new HashMap<>()).put(row.childPosition(), row.status()));
    return statuses;
  }

  private record Started(String agency, int childPosition, Status status) {}

  /** "agency:child" of each return submitted after {@code due} (late returns, accepted and marked late). */
  public java.util.Set<String> submittedAfter(String reference, Instant due) {
    return new java.util.HashSet<>(jdbc.sql("select agency, child_position from jtai_audit_return where reference = ? "
            + "and status = ? and submitted_at > ?")
        .params(reference, Status.SUBMITTED.name(), utc(due))
        .query((rs, row) -> rs.getString("agency") + ":" + rs.getInt("child_position")).list());
  }

  /** agency -> how many nil returns it has made in the inspection (agencies with none are left out). */
  public Map<String, Integer> nilReturns(String reference) {
    Map<String, Integer> nil = new HashMap<>();
    jdbc.sql("select agency, count(*) as returns from jtai_audit_return where reference = ? and status = ? group by agency")
        .params(reference, Status.NO_INVOLVEMENT.name())
        .query((rs, row) -> nil.put(rs.getString("agency"), rs.getInt("returns"))).list();
    return nil;
  }

  /** How many of an agency's returns are in: submitted, or nil returns. */
  public int submittedCount(String reference, String agency) {
    return jdbc.sql("select count(*) from jtai_audit_return where reference = ? and agency = ? and status in (?, ?)")
        .params(reference, agency, Status.SUBMITTED.name(), Status.NO_INVOLVEMENT.name()).query(Integer.class).single();
  }
}
