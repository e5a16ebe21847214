package uk.jtai.response.tasks;

import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A person's submission that meets the engine's own work on the same inspection at the same moment (a timer
 * firing, another agency's completion ending the same multi-instance, a called process starting) is tried
 * again here, up to {@link #ATTEMPTS} times, rather than answered with "could not be completed, try again".
 * Safe because nothing of the failed attempt was kept: the engine's changes, the form's records and the
 * outbox's e-mails are one transaction, which rolled back. Only a submission that is its own transaction is
 * tried again: inside a caller's transaction or command the caller decides.
 *
 * <p>A concurrent change is Camunda's optimistic locking, the task's parent execution removed by the other
 * commit first (ENGINE-03077), a PostgreSQL deadlock (SQLSTATE 40P01), or the other commit having started a
 * called process under an execution this submission then deleted (a foreign-key violation on
 * ACT_RU_EXECUTION, SQLSTATE 23503, which Camunda reports as a persistence error).
 */
public final class ConcurrentChange {

  static final int ATTEMPTS = 4;

  private static final Logger log = LoggerFactory.getLogger(ConcurrentChange.class);
  private static final LongAdder TRIED_AGAIN = new LongAdder();

  private ConcurrentChange() {}

  /** Runs {@code command} in its own transaction, again after a concurrent change. */
  static <T> T triedAgain(CommandExecutor executor, Command<T> command) {
    boolean ownTransaction = Context.getCommandContext() == null && !TransactionSynchronizationManager.isActualTransactionActive();
    for (int attempt = 1; ; attempt++) {
      try {
        return executor.execute(command);
      } catch (ProcessEngineException e) {
        String kind = ownTransaction && attempt < ATTEMPTS ? kindOf(e) : null;
        if (kind == null) {
          throw e;
        }
        TRIED_AGAIN.increment();
        log.info("A submission met a concurrent change of its inspection ({}); tried again (attempt {})", kind, attempt + 1);
      }
    }
  }

  /** Submissions tried again in this JVM since it started (the benchmark prints it). */
  public static long submissionsTriedAgain() {
    return TRIED_AGAIN.sum();
  }

  /** What kind of concurrent change {@code e} is, or {@code null} if it is none. */
  public static String kindOf(Throwable e) {
    if (e instanceof OptimisticLockingException) {
      return "optimistic locking";
    }
    if (String.valueOf(e.getMessage()).contains("ENGINE-03077")) {
      return "parent execution ended first";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if ("40P01".equals(next.getSQLState())) {
            return "deadlock";
          }
          if ("23503".equals(next.getSQLState())
              && String.valueOf(next.getMessage()).toLowerCase(Locale.ROOT).contains("act_ru_execution")) {
            return "called process started first";
          }
        }
      }
    }
    return null;
  }
}
