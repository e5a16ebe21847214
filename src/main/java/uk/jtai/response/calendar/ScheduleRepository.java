package uk.jtai.response.calendar;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.jtai.response.store.InsertRows;

/**
 * The stored inspections and their schedules (tables jtai_inspection and jtai_milestone). Writes join
 * the caller's transaction, so a process start that fails stores nothing.
 */
@Repository
public class ScheduleRepository {

  private final JdbcClient jdbc;
  private final InsertRows rows;

  /**
   * What was read in the current transaction, by reference: a task's due date, its deadline timer, its reminders
   * and its name each ask for the same milestone while the task is created (issue 19: no re-reading). Bound to the
   * transaction, so another transaction (another node's move of a deadline) is always read afresh; a write through
   * this repository forgets what was read.
   */
  private final Object readInThisTransaction = new Object();

  @SuppressWarnings("unchecked")
  private <T> T memo(String key, java.util.function.Supplier<T> read) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return read.get();
    }
    Map<String, Object> memo = (Map<String, Object>) TransactionSynchronizationManager.getResource(readInThisTransaction);
    if (memo == null) {
      memo = new HashMap<>();
      TransactionSynchronizationManager.bindResource(readInThisTransaction, memo);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(readInThisTransaction);
        }
      });
    }
    if (memo.containsKey(key)) {
      return (T) memo.get(key);
    }
    T value = read.get();
    memo.put(key, value);
    return value;
  }

  private void forgetReads() {
    if (TransactionSynchronizationManager.hasResource(readInThisTransaction)) {
      ((Map<?, ?>) TransactionSynchronizationManager.getResource(readInThisTransaction)).clear();
    }
  }

  public ScheduleRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.rows = new InsertRows(template);
  }

  public boolean exists(String reference) {
    return jdbc.sql("select count(*) from jtai_inspection where reference = ?").param(reference)
        .query(Integer.class).single() > 0;
  }

  /** Stores a new inspection and its schedule; a reference that exists already fails on the primary key. */
  public void insert(InspectionSchedule schedule, String processInstanceId, String startedBy, Instant now) {
    forgetReads();
    jdbc.sql("insert into jtai_inspection (reference, theme, notified_at, process_instance_id, started_by, created_at) "
            + "values (?, ?, ?, ?, ?, ?)")
        .params(schedule.reference(), schedule.theme(), utc(schedule.notifiedAt()), processInstanceId, startedBy, utc(now))
        .update();
    // One statement for the milestones.
    rows.insert("jtai_milestone", List.of("reference", "name", "working_day", "due", "title"),
        schedule.milestones().stream()
            .map(m -> new Object[] {schedule.reference(), m.name(), m.workingDay(), utc(m.due()), m.title()})
            .toList());
  }

  /** Adds (or replaces) one milestone of a running inspection, e.g. a deadline relative to a step. */
  public void putMilestone(String reference, Milestone milestone) {
    forgetReads();
    jdbc.sql("delete from jtai_milestone where reference = ? and name = ?").params(reference, milestone.name()).update();
    jdbc.sql("insert into jtai_milestone (reference, name, working_day, due, title) values (?, ?, ?, ?, ?)")
        .params(reference, milestone.name(), milestone.workingDay(), utc(milestone.due()), milestone.title())
        .update();
  }

  public void recordChange(String reference, String name, Instant oldDue, Instant newDue, String reason, String by, Instant at) {
    jdbc.sql("insert into jtai_milestone_change (reference, name, old_due, new_due, reason, moved_by, moved_at) "
            + "values (?, ?, ?, ?, ?, ?, ?)")
        .params(reference, name, utc(oldDue), utc(newDue), reason, by, utc(at))
        .update();
  }

  /** A recorded move of a milestone. */
  public record Change(String name, Instant oldDue, Instant newDue, String reason, String movedBy, Instant movedAt) {}

  public List<Change> changes(String reference) {
    return jdbc.sql("select name, old_due, new_due, reason, moved_by, moved_at from jtai_milestone_change "
            + "where reference = ? order by id")
        .param(reference).query(Change.class).list();
  }

  private record Head(String theme, Instant notifiedAt) {}

  public Optional<InspectionSchedule> find(String reference) {
    return memo("find " + reference, () -> jdbc.sql("select theme, notified_at from jtai_inspection where reference = ?")
        .param(reference)
        .query(Head.class).optional()
        .map(head -> new InspectionSchedule(reference, head.theme(), head.notifiedAt(), jdbc.sql(
                "select name, working_day, due, title from jtai_milestone where reference = ? order by due, name")
            .param(reference).query(Milestone.class).list())));
  }

  /** The partnership's inspection or rehearsal notified last before {@code reference}, if there is one. */
  public Optional<String> previous(String reference) {
    return jdbc.sql("select reference from jtai_inspection where notified_at < (select notified_at from jtai_inspection "
            + "where reference = ?) order by notified_at desc fetch first 1 rows only")
        .param(reference).query(String.class).optional();
  }

  public Optional<Instant> due(String reference, String milestone) {
    return memo("due " + reference + " " + milestone, () -> jdbc.sql("select due from jtai_milestone where reference = ? and name = ?")
        .params(reference, milestone).query(Instant.class).optional());
  }
}
