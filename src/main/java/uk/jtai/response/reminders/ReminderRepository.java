package uk.jtai.response.reminders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table jtai_reminder. A row is claimed by a conditional update inside the transaction that also writes
 * its e-mail to the outbox: of several nodes (or runs) exactly one claims it, and a transaction that
 * does not commit leaves it pending for the next run.
 */
@Repository
public class ReminderRepository {

  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  public static final String SKIPPED = "SKIPPED";
  public static final String CANCELLED = "CANCELLED";
  public static final String FAILED = "FAILED";

  private final JdbcTemplate jdbc;

  public ReminderRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored reminder or deadline escalation. */
  public record Reminder(long id, String reference, String taskId, ReminderPlan.Kind kind, String milestone,
                         Instant sendAt, Instant taskDue, int attempts) {}

  public void insert(TaskDeadline task, List<ReminderPlan.Planned> plan, Instant now) {
    jdbc.batchUpdate("insert into jtai_reminder (reference, task_id, kind, milestone, send_at, task_due, status, "
            + "created_at, next_attempt_at, attempts) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        plan.stream().map(p -> new Object[] {task.reference(), task.taskId(), p.kind().name(), task.milestone(),
            utc(p.sendAt()), utc(task.due()), PENDING, utc(now), utc(p.sendAt())}).toList());
  }

  /** The due date the task's reminders were last planned from, if any were. */
  public Optional<Instant> plannedDue(String taskId) {
    return jdbc.query("select task_due from jtai_reminder where task_id = ? order by id desc fetch first 1 rows only",
        (rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant(), taskId).stream().findFirst();
  }

  /** Withdraws the task's reminders not sent yet (its due date changed or went). */
  public int cancelPending(String taskId, Instant now, String why) {
    return jdbc.update("update jtai_reminder set status = ?, done_at = ?, outcome = ? where task_id = ? and status = ?",
        CANCELLED, utc(now), why, taskId, PENDING);
  }

  /** Ids of reminders due for an attempt, earliest first. */
  public List<Long> due(Instant now, int limit) {
    return jdbc.queryForList("select id from jtai_reminder where status = ? and next_attempt_at <= ? "
        + "order by next_attempt_at, id fetch first " + limit + " rows only", Long.class, PENDING, utc(now));
  }

  /** True if this transaction now holds the reminder; false if another node or run had it first. */
  public boolean claim(long id, Instant now) {
    return jdbc.update("update jtai_reminder set status = ?, done_at = ?, attempts = attempts + 1 where id = ? and status = ?",
        SENT, utc(now), id, PENDING) == 1;
  }

  public Reminder load(long id) {
    return jdbc.queryForObject("select id, reference, task_id, kind, milestone, send_at, task_due, attempts "
            + "from jtai_reminder where id = ?",
        (rs, i) -> new Reminder(rs.getLong(1), rs.getString(2), rs.getString(3), ReminderPlan.Kind.valueOf(rs.getString(4)),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
            rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getInt(8)), id);
  }

  /** How a claimed reminder ended when it was not sent (SKIPPED or CANCELLED, and why). */
  public void finish(long id, String status, String outcome) {
    jdbc.update("update jtai_reminder set status = ?, outcome = ? where id = ?", status, outcome, id);
  }

  /** An attempt that failed (its transaction rolled back): try again later, or give up visibly. */
  public void attemptFailed(long id, String error, Instant now, Instant nextAttempt, int maxAttempts) {
    jdbc.update("update jtai_reminder set attempts = attempts + 1, outcome = ?, next_attempt_at = ?, "
            + "status = case when attempts + 1 >= ? then ? else status end, "
            + "done_at = case when attempts + 1 >= ? then ? else done_at end where id = ? and status = ?",
        error, utc(nextAttempt), maxAttempts, FAILED, maxAttempts, utc(now), id, PENDING);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
