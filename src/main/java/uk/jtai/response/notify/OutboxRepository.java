package uk.jtai.response.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table jtai_outbox. Claims are conditional updates, so of several nodes exactly one wins a message. */
@Repository
public class OutboxRepository {

  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  /** Never to be sent: what it was about was cancelled (a rehearsal, say) before it went. */
  public static final String CANCELLED = "CANCELLED";

  private final JdbcTemplate jdbc;

  public OutboxRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean hasKey(String dedupKey) {
    Integer n = jdbc.queryForObject("select count(*) from jtai_outbox where dedup_key = ?", Integer.class, dedupKey);
    return n != null && n > 0;
  }

  public void insert(Mail mail, MailTemplates.Rendered rendered, Instant now) {
    jdbc.update("insert into jtai_outbox (dedup_key, reference, template, recipients, subject, body, status, "
            + "created_at, next_attempt_at, attempts) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        mail.dedupKey(), mail.reference(), mail.template(), String.join(",", mail.recipients()),
        rendered.subject(), rendered.body(), PENDING, utc(now), utc(now));
  }

  /** Ids of messages due for an attempt, oldest first. */
  public List<Long> due(Instant now, int limit) {
    return jdbc.queryForList("select id from jtai_outbox where status = ? and next_attempt_at <= ? "
            + "and (claimed_until is null or claimed_until < ?) order by id", Long.class,
        PENDING, utc(now), utc(now)).stream().limit(limit).toList();
  }

  /** True if this node now holds the message; false if another node claimed or sent it first. */
  public boolean claim(long id, String node, Instant now, Instant until) {
    return jdbc.update("update jtai_outbox set claimed_by = ?, claimed_until = ? where id = ? and status = ? "
        + "and (claimed_until is null or claimed_until < ?)", node, utc(until), id, PENDING, utc(now)) == 1;
  }

  public OutboxMessage load(long id) {
    return jdbc.queryForObject("select id, reference, template, recipients, subject, body, attempts from jtai_outbox where id = ?",
        (rs, i) -> new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getString(3),
            List.of(rs.getString(4).split(",")), rs.getString(5), rs.getString(6), rs.getInt(7)), id);
  }

  public void markSent(long id, String node, Instant now) {
    jdbc.update("update jtai_outbox set status = ?, sent_at = ?, attempts = attempts + 1, claimed_by = null, "
        + "claimed_until = null, last_error = null where id = ? and claimed_by = ?", SENT, utc(now), id, node);
  }

  public void markAttemptFailed(long id, String node, String error, Instant nextAttempt, boolean giveUp) {
    jdbc.update("update jtai_outbox set status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?, "
            + "claimed_by = null, claimed_until = null where id = ? and claimed_by = ?",
        giveUp ? FAILED : PENDING, utc(nextAttempt), error, id, node);
  }

  /** Withdraws the messages about {@code reference} not sent yet; returns how many. */
  public int cancelPending(String reference, String why) {
    return jdbc.update("update jtai_outbox set status = ?, last_error = ?, claimed_by = null, claimed_until = null "
        + "where reference = ? and status = ?", CANCELLED, why, reference, PENDING);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** A message as stored, ready to send. */
  public record OutboxMessage(long id, String reference, String template, List<String> recipients,
                              String subject, String body, int attempts) {}
}
