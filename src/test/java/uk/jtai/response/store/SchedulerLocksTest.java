package uk.jtai.response.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The node-wide lock as the product configures it (store/SchedulerLocks on the product's migrations, H2),
 * without the engine: a locked method runs where its lock is free and is skipped while another node holds
 * it. Seconds.
 */
@SpringJUnitConfig(SchedulerLocksTest.Setup.class)
class SchedulerLocksTest {

  /** A scheduler-like bean like the purge sweeper, the filters' refresh and the digest poller (proxied: state behind methods). */
  public static class Sweeper {
    private final AtomicInteger runs = new AtomicInteger();
    private volatile CountDownLatch inside = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(0);

    @SchedulerLock(name = "test-sweeper", lockAtMostFor = "PT1M")
    public void sweep() throws InterruptedException {
      runs.incrementAndGet();
      inside.countDown();
      release.await(10, TimeUnit.SECONDS);
    }

    public int runs() {
      return runs.get();
    }

    /** The next run signals {@code inside} and waits for {@code release}. */
    public void reset(CountDownLatch inside, CountDownLatch release) {
      runs.set(0);
      this.inside = inside;
      this.release = release;
    }
  }

  @Configuration
  @Import(SchedulerLocks.class)
  static class Setup {
    @Bean
    DataSource dataSource() {
      DataSource data = new DriverManagerDataSource("jdbc:h2:mem:scheduler-locks;DB_CLOSE_DELAY=-1", "sa", "");
      Flyway.configure().dataSource(data).table("jtai_schema_history").load().migrate();
      return data;
    }

    @Bean
    Sweeper sweeper() {
      return new Sweeper();
    }
  }

  @Autowired Sweeper sweeper;
  @Autowired DataSource dataSource;

  JdbcClient jdbc;

  @BeforeEach
  void noLocks() {
    jdbc = JdbcClient.create(dataSource);
    // Released, not deleted: ShedLock remembers the rows it has made and from then on only updates them.
    jdbc.sql("update " + SchedulerLocks.TABLE + " set lock_until = dateadd('SECOND', -1, current_timestamp)").update();
    sweeper.reset(new CountDownLatch(1), new CountDownLatch(0));
  }

  @Test
  void aLockedMethodRunsWhereItsLockIsFreeAndReleasesIt() throws Exception {
    sweeper.sweep();
    sweeper.sweep();
    assertThat(sweeper.runs()).as("released after each run").isEqualTo(2);
    assertThat(jdbc.sql("select count(*) from " + SchedulerLocks.TABLE + " where name = 'test-sweeper'")
        .query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void whileAnotherNodeHoldsTheLockTheMethodIsSkipped() throws Exception {
    jdbc.sql("merge into " + SchedulerLocks.TABLE + " (name, lock_until, locked_at, locked_by) key (name) "
        + "values ('test-sweeper', dateadd('MINUTE', 5, current_timestamp), current_timestamp, 'other-node')").update();
    sweeper.sweep();
    assertThat(sweeper.runs()).isZero();

    jdbc.sql("update " + SchedulerLocks.TABLE + " set lock_until = dateadd('SECOND', -1, current_timestamp)").update();
    sweeper.sweep();
    assertThat(sweeper.runs()).as("a lock that ran out (its node died) is taken").isEqualTo(1);
  }

  @Test
  void theSchedulersThatMustRunOnOneNodeTakeALockAndThePollersThatClaimRowsDoNot() throws Exception {
    assertThat(lockName(uk.jtai.response.purge.PurgeSweeper.class, "sweep")).isEqualTo("purge-sweeper");
    assertThat(lockName(uk.jtai.response.tasklist.ManagerFilterRefresh.class, "poll")).isEqualTo("manager-filters");
    assertThat(lockName(uk.jtai.response.tasklist.ManagerFilterRefresh.class, "atStartUp")).isEqualTo("manager-filters");
    assertThat(lockName(uk.jtai.response.digest.DigestPoller.class, "poll")).isEqualTo("daily-digest");
    assertThat(lockName(uk.jtai.response.notify.OutboxPoller.class, "poll")).isNull();
    assertThat(lockName(uk.jtai.response.reminders.ReminderPoller.class, "poll")).isNull();
  }

  private static String lockName(Class<?> type, String method) throws NoSuchMethodException {
    SchedulerLock lock = type.getMethod(method).getAnnotation(SchedulerLock.class);
    return lock == null ? null : lock.name();
  }

  @Test
  void twoRunsAtOnceOnOneDatabaseAreOneRun() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    sweeper.reset(inside, release);
    Thread first = new Thread(() -> {
      try {
        sweeper.sweep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    first.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    sweeper.sweep(); // the second "node", while the first is still inside
    release.countDown();
    first.join(10_000);
    assertThat(sweeper.runs()).isEqualTo(1);
  }
}
