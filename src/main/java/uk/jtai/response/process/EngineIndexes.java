package uk.jtai.response.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three indexes Camunda's schema lacks for statements Camunda itself runs often, found with PostgreSQL's
 * {@code pg_stat_statements} (and {@code auto_explain} for the plans) in the benchmark at 150 inspections (issue 19,
 * docs/benchmark.md):
 * <ul>
 *   <li>{@code ACT_RU_TASK (PARENT_TASK_ID_)}: every task's completion asks for its sub-tasks
 *       ({@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?}); without an index that reads every open task
 *       of every inspection, the largest single cost in the database (0.8 ms a completion, 12% of its time);</li>
 *   <li>{@code ACT_RU_JOB (DUEDATE_)}: the job executor's acquisition looks for jobs due now; every task with a
 *       deadline has a timer due days ahead, and the query read them all on every poll (1.3 ms, 7.5%). Camunda
 *       asks only by due date when every job has one ({@code ensureJobDueDateNotNull}, set with this: a job to run at
 *       once is due "now" instead of null); jobs a version before this one left without a due date are given
 *       "now" when the engine starts, before its job executor does, so none is left behind (so stop every node of an
 *       earlier version before starting this one: an earlier node would go on creating jobs without one).</li>
 *   <li>{@code ACT_RU_TASK (TASK_DEF_KEY_)}: Tasklist and the partners' own views ask for an inspection's tasks of one
 *       kind (by business key and task key, with the authorization join). With nothing to find a task by its key,
 *       PostgreSQL read every open task of every inspection (through the index on the tenant, all null) and kept those
 *       of the key, a cost that grows with the inspections open at once; with it, the tasks of that key only. At 150
 *       inspections the query took 0.56 ms against 0.59 (its join with the grants is most of it); it is for the
 *       national scale, ten times the open tasks.</li>
 * </ul>
 * Created if missing when the engine starts (its tables are created by the engine, after the product's own
 * migrations); {@code create index if not exists} is a no-op afterwards, on PostgreSQL and H2 alike.
 */
public final class EngineIndexes {

  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  static final List<String> INDEXES = List.of(
      "create index if not exists JTAI_IDX_TASK_PARENT on %sACT_RU_TASK (PARENT_TASK_ID_)",
      "create index if not exists JTAI_IDX_JOB_DUEDATE on %sACT_RU_JOB (DUEDATE_)",
      "create index if not exists JTAI_IDX_TASK_DEF_KEY on %sACT_RU_TASK (TASK_DEF_KEY_)");

  private EngineIndexes() {
  }

  /** Before the engine is built: every job gets a due date, so acquisition can use the index. */
  public static void configure(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnsureJobDueDateNotNull(true);
  }

  /** Once the engine's tables exist, before the job executor starts. */
  public static void apply(ProcessEngineConfigurationImpl configuration) {
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    DataSource dataSource = configuration.getDataSource();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      for (String index : INDEXES) {
        try (Statement sql = connection.createStatement()) {
          sql.execute(index.formatted(prefix));
        } catch (SQLException e) {
          // Two nodes starting together on a new database may both try; the engine is correct without it, only slower.
          LOG.warn("Index not created ({}): {}; Camunda's queries work without it, more slowly", index.formatted(prefix),
              e.getMessage());
        }
      }
      try (PreparedStatement due = connection.prepareStatement(
          "update " + prefix + "ACT_RU_JOB set DUEDATE_ = ? where DUEDATE_ is null")) {
        due.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
        due.executeUpdate();
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not create the product's indexes on the engine's tables: " + e.getMessage(), e);
    }
  }
}
