package uk.jtai.response.reminders;

import static uk.jtai.response.store.Sql.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import uk.jtai.response.store.ClaimableQueue;
import uk.jtai.response.store.InsertRows;

/**
 * Table jtai_reminder, drained as a {@link ClaimableQueue}: of several nodes exactly one claims a reminder,
 * and it is marked done in the same transaction that writes its e-mail to the outbox, so a transaction that
 * does not commit leaves it to be tried again. A reminder whose task has ended (completed, or deleted with its
 * scope) is withdrawn as it falls due, by the claim that finds it, with the others found with it in one statement
 * ({@link #TASK_ENDED}): nothing is withdrawn task by task as tasks complete.
 */
@Repository
public class ReminderRepository {

  public static final String PENDING = ClaimableQueue.PENDING;
  public static final String SENT = "SENT";
  public static final String SKIPPED = "SKIPPED";
  public static final String CANCELLED = "CANCELLED";
  public static final String FAILED = ClaimableQueue.FAILED;
  /** Why a reminder was withdrawn as it fell due. */
  public static final String TASK_ENDED = "task ended";

  private final JdbcClient jdbc;
  private static final List<String> COLUMNS = List.of("reference", "task_id", "kind", "milestone", "send_at", "task_due",
      "status", "created_at", "next_attempt_at", "attempts", "agency");

  private final InsertRows rows;
  private final ClaimableQueue<Reminder> queue;

  public ReminderRepository(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.rows = new InsertRows(template);
    this.queue = new ClaimableQueue<>(jdbc, transactions,
        new ClaimableQueue.Table("jtai_reminder", "next_attempt_at, id", "outcome", "done_at", new ClaimableQueue.Withdraw(
            "not exists (select 1 from act_ru_task t where t.id_ = jtai_reminder.task_id)", CANCELLED, TASK_ENDED)),
        Reminder.class);
  }

  /**
   * A stored reminder or deadline escalation; {@code agency} as its task had it when planned, "" for none, null if
   * planned before it was stored.
   */
  public record Reminder(long id, String reference, String taskId, ReminderPlan.Kind kind, String milestone,
                         Instant sendAt, Instant taskDue, int attempts, String agency) implements ClaimableQueue.Row {}

  public void insert(TaskDeadline task, List<ReminderPlan.Planned> plan, Instant now) {
    // One statement for the task's reminders.
    rows.insert("jtai_reminder", COLUMNS,
        plan.stream().map(p -> new Object[] {task.reference(), task.taskId(), p.kind().name(), task.milestone(),
            utc(p.sendAt()), utc(task.due()), PENDING, utc(now), utc(p.sendAt()), 0,
            task.agency() == null ? "" : task.agency()}).toList());
  }

  /** The due date the task's reminders were last planned from, if any were. */
  public Optional<Instant> plannedDue(String taskId) {
    return jdbc.sql("select task_due from jtai_reminder where task_id = ? order by id desc fetch first 1 rows only")
        .param(taskId).query(Instant.class).optional();
  }

  /**
   * Withdraws every reminder of the inspection not sent yet (it has closed, or it is being purged). A reminder a node
   * is sending now is either sent first (this waits for its row) or not sent at all (its finish finds it withdrawn).
   */
  public int withdrawInspection(String reference, Instant now, String why) {
    return jdbc.sql("update jtai_reminder set status = ?, done_at = ?, outcome = ? where reference = ? and status = ?")
        .params(CANCELLED, utc(now), why, reference, PENDING).update();
  }

  /** Withdraws the task's reminders not sent yet (its due date changed). */
  public int cancelPending(String taskId, Instant now, String why) {
    return jdbc.sql("update jtai_reminder set status = ?, done_at = ?, outcome = ? where task_id = ? and status = ?")
        .params(CANCELLED, utc(now), why, taskId, PENDING).update();
  }

  /**
   * Takes up to {@code limit} reminders due now, earliest first: those whose task has ended are withdrawn, the
   * others claimed for {@code node}.
   */
  public ClaimableQueue.Claim<Reminder> claimDue(String node, Instant now, Duration claimTimeout, int limit) {
    return queue.claimOrWithdraw(node, now, claimTimeout, limit);
  }

  /**
   * Ends a reminder {@code node} holds (SENT, SKIPPED or CANCELLED, and why), in the caller's transaction; false
   * if another node has it now.
   */
  public boolean finish(long id, String node, String status, Instant now, String outcome) {
    return queue.finish(id, node, status, now, outcome);
  }

  /** {@link #finish} for many reminders in one statement; how many were finished (fewer: another node has some). */
  public int finishAll(Collection<Long> ids, String node, String status, Instant now, String outcome) {
    return queue.finishAll(ids, node, status, now, outcome);
  }

  /** An attempt that failed (its transaction rolled back): try again later, or give up visibly. */
  public void attemptFailed(long id, String node, String error, Instant nextAttempt, boolean giveUp) {
    queue.retryLater(id, node, error, nextAttempt, giveUp);
  }
}
