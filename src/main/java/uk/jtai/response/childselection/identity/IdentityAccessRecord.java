package uk.jtai.response.childselection.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.jtai.response.store.Sql;

/**
 * Table jtai_identity_access: every view, download and recording of the identifying details (who, when,
 * which list, which inspection). It names users, never children, so it outlives the purge.
 */
@Repository
public class IdentityAccessRecord {

  /** Which list was shown: the first selection (the 20) or the children selected for audit. */
  public enum ListName { FIRST_SELECTION, AUDIT_SELECTION }

  public enum Action { VIEW, DOWNLOAD, RECORD }

  /** One access. */
  public record Entry(String list, String action, String userId, OffsetDateTime at) {}

  /** How often one user had one list, and when last. */
  public record Summary(String userId, String list, String action, int count, OffsetDateTime last) {}

  private final JdbcClient jdbc;

  public IdentityAccessRecord(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String reference, ListName list, Action action, String userId, Instant at) {
    jdbc.sql("insert into jtai_identity_access (reference, list, action, user_id, accessed_at) values (?, ?, ?, ?, ?)")
        .params(reference, list.name(), action.name(), userId, Sql.utc(at)).update();
  }

  public List<Entry> entries(String reference) {
    return jdbc.sql("select list, action, user_id, accessed_at from jtai_identity_access where reference = ? order by id")
        .param(reference)
        .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)))
        .list();
  }

  public List<Summary> summary(String reference) {
    return jdbc.sql("select user_id, list, action, count(*), max(accessed_at) from jtai_identity_access where reference = ? "
            + "group by user_id, list, action order by user_id, list, action")
        .param(reference)
        .query((rs, n) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
            rs.getObject(5, OffsetDateTime.class)))
        .list();
  }
}
