package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A submission that meets a concurrent change is tried again in its own transaction, and only then (milliseconds). */
class ConcurrentChangeTest {

  /** Runs each command without an engine, failing the first {@code failures} runs with {@code failure}. */
  private static CommandExecutor failingFirst(int failures, ProcessEngineException failure, AtomicInteger runs) {
    return new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (runs.incrementAndGet() <= failures) {
          throw failure;
        }
        return command.execute(null);
      }
    };
  }

  @Test
  void optimisticLockingIsTriedAgainUntilTheSubmissionGoesThrough() {
    AtomicInteger runs = new AtomicInteger();
    long before = ConcurrentChange.submissionsTriedAgain();
    String result = ConcurrentChange.triedAgain(failingFirst(2, new OptimisticLockingException("clash"), runs), context -> "done");
    assertThat(result).isEqualTo("done");
    assertThat(runs).hasValue(3);
    assertThat(ConcurrentChange.submissionsTriedAgain() - before).isEqualTo(2);
  }

  @Test
  void afterItsAttemptsTheClashReachesThePerson() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> ConcurrentChange.triedAgain(failingFirst(10, new OptimisticLockingException("clash"), runs), c -> "x"))
        .isInstanceOf(OptimisticLockingException.class);
    assertThat(runs).hasValue(ConcurrentChange.ATTEMPTS);
  }

  @Test
  void anyOtherFailureIsNotTriedAgain() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> ConcurrentChange.triedAgain(failingFirst(1, new ProcessEngineException("task not found"), runs), c -> "x"))
        .hasMessage("task not found");
    assertThat(runs).hasValue(1);
  }

  @Test
  void insideACallersTransactionTheCallerDecides() {
    AtomicInteger runs = new AtomicInteger();
    TransactionSynchronizationManager.setActualTransactionActive(true);
    try {
      assertThatThrownBy(() -> ConcurrentChange.triedAgain(failingFirst(1, new OptimisticLockingException("clash"), runs), c -> "x"))
          .isInstanceOf(OptimisticLockingException.class);
    } finally {
      TransactionSynchronizationManager.setActualTransactionActive(false);
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void deadlocksAndACalledProcessStartedFirstAreConcurrentChangesToo() {
    SQLException deadlock = new SQLException("deadlock detected", "40P01");
    assertThat(ConcurrentChange.kindOf(new ProcessEngineException("flush failed", deadlock))).isEqualTo("deadlock");
    SQLException foreignKey = new SQLException("insert or update on table \"act_ru_execution\" violates foreign key", "23503");
    assertThat(ConcurrentChange.kindOf(new ProcessEngineException("flush failed", foreignKey))).isEqualTo("called process started first");
    SQLException otherKey = new SQLException("insert or update on table \"jtai_outbox\" violates foreign key", "23503");
    assertThat(ConcurrentChange.kindOf(new ProcessEngineException("flush failed", otherKey))).isNull();
    assertThat(ConcurrentChange.kindOf(new ProcessEngineException("ENGINE-03077 parent gone"))).isEqualTo("parent execution ended first");
  }
}
