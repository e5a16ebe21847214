package uk.jtai.response.notify;

import static uk.jtai.response.store.Sql.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import uk.jtai.response.store.ClaimableQueue;
import uk.jtai.response.store.InsertRows;

/**
 * Table jtai_outbox, drained as a {@link ClaimableQueue}: of several nodes exactly one claims a message,
 * and a message is marked sent only by the node that holds it.
 */
@Repository
public class OutboxRepository {

  public static final String PENDING = ClaimableQueue.PENDING;
  public static final String SENT = "SENT";
  public static final String FAILED = ClaimableQueue.FAILED;
  /** Never to be sent: what it was about was cancelled (a rehearsal, say) before it went. */
  public static final String CANCELLED = "CANCELLED";

  private static final List<String> COLUMNS = List.of("dedup_key", "reference", "template", "recipients", "subject",
      "body", "status", "created_at", "next_attempt_at", "attempts");

  private final JdbcClient jdbc;
  private final InsertRows rows;
  private final ClaimableQueue<OutboxMessage> queue;

  public OutboxRepository(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.rows = new InsertRows(template);
    this.queue = new ClaimableQueue<>(jdbc, transactions,
        new ClaimableQueue.Table("jtai_outbox", "id", "last_error", "sent_at"), OutboxMessage.class);
  }

  public boolean hasKey(String dedupKey) {
    return jdbc.sql("select count(*) from jtai_outbox where dedup_key = ?").param(dedupKey).query(Integer.class).single() > 0;
  }

  /** The messages in one statement (none: no statement). */
  public void insertAll(Map<Mail, MailTemplates.Rendered> messages, Instant now) {
    rows.insert("jtai_outbox", COLUMNS, messages.entrySet().stream().map(message -> new Object[] {
        message.getKey().dedupKey(), message.getKey().reference(), message.getKey().template(),
        String.join(",", message.getKey().recipients()), message.getValue().subject(), message.getValue().body(),
        PENDING, utc(now), utc(now), 0}).toList());
  }

  /** Which of {@code dedupKeys} a message already has. */
  public Set<String> keysAmong(Collection<String> dedupKeys) {
    return dedupKeys.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql("select dedup_key from jtai_outbox where dedup_key in (:keys)")
        .param("keys", dedupKeys).query(String.class).list());
  }

  /** Claims up to {@code limit} messages due now for {@code node}, oldest first. */
  public List<OutboxMessage> claimDue(String node, Instant now, Duration claimTimeout, int limit) {
    return queue.claim(node, now, claimTimeout, limit);
  }

  /** Runs {@code work} holding message {@code id}'s row locked, if this node still holds its claim (see {@link ClaimableQueue#whileHolding}). */
  public boolean whileHolding(long id, String node, Runnable work) {
    return queue.whileHolding(id, node, work);
  }

  public boolean markSent(long id, String node, Instant now) {
    return queue.finish(id, node, SENT, now, null);
  }

  public void markAttemptFailed(long id, String node, String error, Instant nextAttempt, boolean giveUp) {
    queue.retryLater(id, node, error, nextAttempt, giveUp);
  }

  /** Withdraws the messages about {@code reference} not sent yet; returns how many. */
  public int cancelPending(String reference, String why) {
    return jdbc.sql("update jtai_outbox set status = ?, last_error = ?, claimed_by = null, claimed_until = null "
            + "where reference = ? and status = ?")
        .params(CANCELLED, why, reference, PENDING).update();
  }

  /** A message as stored, ready to send; {@code recipients} comma-separated. */
  public record OutboxMessage(long id, String reference, String template, String recipients,
                              String subject, String body, int attempts) implements ClaimableQueue.Row {

    public List<String> to() {
      return List.of(recipients.split(","));
    }
  }
}
