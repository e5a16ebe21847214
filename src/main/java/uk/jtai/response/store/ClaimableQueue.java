package uk.jtai.response.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A table of work that every node drains, each row handled by exactly one node (the outbox's e-mails, the
 * reminders). One short transaction picks a batch of due rows with {@code select ... for update skip
 * locked} (the limit in SQL, so nodes never wait on each other's rows) and marks them claimed by the node
 * until {@code now + claimTimeout}. The node then finishes each row, or hands it back for a later attempt
 * (failed after the last one). Both are conditional on the claim: a node whose claim ran out and was taken
 * by another changes nothing. A node that dies holding a claim loses it when the claim runs out.
 *
 * <p>Work that cannot be undone (an e-mail handed to the mail server) runs {@link #whileHolding holding the
 * row's lock}: a claim that runs out meanwhile (a long pause of the node, a slow mail server) cannot be taken
 * over, since other nodes skip locked rows; the lock ends with the node's transaction, or its connection.
 *
 * <p>The table has the columns {@code id, status, next_attempt_at, attempts, claimed_by, claimed_until, done_by}
 * (the node that finished the row), one for the last error or outcome and one for when the row was done. A row waits as {@code PENDING}. The
 * rows are read as the record {@code T}, whose components name the columns read ({@code taskId} is
 * {@code task_id}).
 */
public final class ClaimableQueue<T extends ClaimableQueue.Row> {

  public static final String PENDING = "PENDING";
  public static final String FAILED = "FAILED";

  /** A claimed row, as the record its queue reads. */
  public interface Row {
    long id();

    /** Attempts made before this one. */
    int attempts();
  }

  /**
   * The queue's table: {@code orderBy} says which due rows go first; {@code errorColumn} holds the last
   * error (or how a row ended); {@code doneAtColumn} when the row was finished; {@code withdraw}, if not null,
   * which due rows are no longer wanted.
   */
  public record Table(String name, String orderBy, String errorColumn, String doneAtColumn, Withdraw withdraw) {

    public Table(String name, String orderBy, String errorColumn, String doneAtColumn) {
      this(name, orderBy, errorColumn, doneAtColumn, null);
    }
  }

  /**
   * Due rows whose work has gone away ({@code condition}, SQL on the table's columns: a reminder whose task has
   * ended): the claim that finds them ends them with {@code status} and {@code note}, in its own transaction and
   * in one statement, instead of handing them out. The work's owner need not withdraw its rows one by one as the
   * work goes away (issue 19: a statement on every task's completion); they end when they fall due.
   */
  public record Withdraw(String condition, String status, String note) {}

  /** What a claim took: the rows to work on, and how many due rows it withdrew instead. */
  public record Claim<T>(List<T> rows, int withdrawn) {

    /** Due rows the claim dealt with, claimed or withdrawn: none means nothing more is due now. */
    public int found() {
      return rows.size() + withdrawn;
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Table table;
  private final String columns;
  /** How JdbcClient maps a row to a record by its columns' names. */
  private final SimplePropertyRowMapper<T> mapper;

  public ClaimableQueue(JdbcClient jdbc, PlatformTransactionManager transactions, Table table, Class<T> rowType) {
    this.jdbc = jdbc;
    this.table = table;
    this.columns = Arrays.stream(rowType.getRecordComponents()).map(c -> snakeCase(c.getName()))
        .collect(Collectors.joining(", "));
    this.mapper = new SimplePropertyRowMapper<>(rowType);
    // A claim is committed before the work starts, so other nodes see it whatever the caller's transaction.
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A name for this node's claims, unique per process and sender. */
  public static String nodeName() {
    return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }

  /** Claims up to {@code limit} due rows for {@code node} (in queue order) and returns them; none: an empty list. */
  public List<T> claim(String node, Instant now, Duration claimTimeout, int limit) {
    return claimOrWithdraw(node, now, claimTimeout, limit).rows();
  }

  /**
   * Takes up to {@code limit} due rows (in queue order): those the table's {@link Withdraw} condition holds for
   * are ended as it says, the others claimed for {@code node} and returned. One transaction, two statements when
   * rows are due (three when some are withdrawn), one when none is.
   */
  public Claim<T> claimOrWithdraw(String node, Instant now, Duration claimTimeout, int limit) {
    return ownTransaction.execute(status -> {
      Withdraw withdraw = table.withdraw();
      List<Due<T>> due = jdbc.sql("select " + columns
              + (withdraw == null ? ", 0" : ", case when " + withdraw.condition() + " then 1 else 0 end") + " as withdrawn_"
              + " from " + table.name()
              + " where status = :pending and next_attempt_at <= :now and (claimed_until is null or claimed_until < :now)"
              + " order by " + table.orderBy() + " fetch first :limit rows only for update skip locked")
          .param("pending", PENDING).param("now", Sql.utc(now)).param("limit", limit)
          .query((resultSet, row) -> new Due<>(mapper.mapRow(resultSet, row), resultSet.getInt("withdrawn_") == 1)).list();
      List<T> claimed = due.stream().filter(d -> !d.withdrawn()).map(Due::row).toList();
      List<T> withdrawn = due.stream().filter(Due::withdrawn).map(Due::row).toList();
      if (!claimed.isEmpty()) {
        jdbc.sql("update " + table.name() + " set claimed_by = :node, claimed_until = :until where id in (:ids)")
            .param("node", node).param("until", Sql.utc(now.plus(claimTimeout))).param("ids", ids(claimed))
            .update();
      }
      if (!withdrawn.isEmpty()) {
        jdbc.sql("update " + table.name() + " set status = :status, " + table.doneAtColumn() + " = :now, "
                + table.errorColumn() + " = :note, done_by = :node, claimed_by = null, claimed_until = null where id in (:ids)")
            .param("status", withdraw.status()).param("now", Sql.utc(now)).param("note", withdraw.note())
            .param("node", node).param("ids", ids(withdrawn)).update();
      }
      return new Claim<>(claimed, withdrawn.size());
    });
  }

  private record Due<T>(T row, boolean withdrawn) {}

  /**
   * Finishes a row {@code node} holds, in the caller's transaction: {@code status} (e.g. SENT), when, and
   * {@code note} in the error column. False, and nothing changed, if the node no longer holds it. Once it
   * returns true the row is locked until the caller's transaction ends: a caller that does the row's work
   * after it keeps the row and its work together.
   */
  public boolean finish(long id, String node, String status, Instant now, String note) {
    return finishAll(List.of(id), node, status, now, note) == 1;
  }

  /**
   * {@link #finish} for many rows in one statement; how many were finished. Fewer than asked means another node
   * has some of them now: the caller rolls its transaction back (and may take the rows one by one).
   */
  public int finishAll(Collection<Long> ids, String node, String status, Instant now, String note) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql("update " + table.name() + " set status = :status, " + table.doneAtColumn() + " = :now, "
            + table.errorColumn() + " = :note, attempts = attempts + 1, done_by = :node, claimed_by = null, claimed_until = null "
            + "where id in (:ids) and claimed_by = :node and status = :pending")
        .param("status", status).param("now", Sql.utc(now)).param("note", note).param("ids", ids).param("node", node)
        .param("pending", PENDING).update();
  }

  /**
   * Runs {@code work} on row {@code id} in a transaction of its own that first locks the row, if {@code node}
   * still holds its claim and no other transaction has the row locked; returns false, and runs nothing,
   * otherwise. The work {@linkplain #finish finishes} the row or {@linkplain #retryLater retries it later} in
   * that transaction, so the row stays locked from before the work to its outcome.
   */
  public boolean whileHolding(long id, String node, Runnable work) {
    return Boolean.TRUE.equals(ownTransaction.execute(status -> {
      boolean held = !jdbc.sql("select id from " + table.name()
              + " where id = :id and claimed_by = :node and status = :pending for update skip locked")
          .param("id", id).param("node", node).param("pending", PENDING).query(Long.class).list().isEmpty();
      if (held) {
        work.run();
      }
      return held;
    }));
  }

  /** An attempt that failed: try again at {@code nextAttempt}, or leave the row FAILED with its error if {@code giveUp}. */
  public void retryLater(long id, String node, String error, Instant nextAttempt, boolean giveUp) {
    jdbc.sql("update " + table.name() + " set status = :status, attempts = attempts + 1, next_attempt_at = :next, "
            + table.errorColumn() + " = :error, claimed_by = null, claimed_until = null "
            + "where id = :id and claimed_by = :node and status = :pending")
        .param("status", giveUp ? FAILED : PENDING).param("next", Sql.utc(nextAttempt)).param("error", clip(error))
        .param("id", id).param("node", node).param("pending", PENDING).update();
  }

  /** Error texts fit the error column (2,000 characters). */
  public static String clip(String error) {
    return error == null || error.length() <= 1900 ? error : error.substring(0, 1900);
  }

  private static List<Long> ids(Collection<? extends Row> rows) {
    return rows.stream().map(Row::id).toList();
  }

  private static String snakeCase(String name) {
    return name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }
}
