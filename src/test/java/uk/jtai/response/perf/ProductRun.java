package uk.jtai.response.perf;

import com.icegreen.greenmail.util.GreenMail;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.jtai.response.support.Http;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.jtai.response.JtaiResponseApplication;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.DemoUsers;
import uk.jtai.response.support.PostgresDatabase;
import uk.jtai.response.support.TestSmtp;
import uk.jtai.response.support.TestUsers;

/**
 * The product: the whole application started in this JVM on its own fresh PostgreSQL database with the
 * {@code postgres} profile and its shipped configuration (job executor, outbox sender, reminder, digest and
 * filter pollers all on, e-mail to GreenMail), the demo users' roles created, then N' inspections driven
 * side by side through every user task with the engine clock moved stage by stage.
 *
 * <p>In this JVM rather than as the packaged jar because the product has no hook to move its clock
 * from outside (it reads the engine clock, ClockUtil, which only this JVM can set). So start-up time is
 * the application context's start (the JVM's own start excluded), and heap and resident memory are
 * this JVM's: the product plus the test's driver and GreenMail (whose stored e-mails are purged after
 * every stage and before measuring).
 */
final class ProductRun {

  record Result(int inspections, int threads, long startupMillis, long driveMillis, long tasks, double tasksPerSecond,
                long concurrentChangeRetries, StatementCounter.Counts sql, Map<String, Long> stageMillis,
                Map<String, Long> reminders, List<Long> reminderLagsMillis, Map<String, List<Long>> reminderLagParts, Memory memory, BoardTimes board,
                long deadlocks, long jobsWaitedMillis, Map<String, Long> retriesByTaskAndCause, long triedAgainByTheService,
                List<StageCost> stageCosts, WarmUp warmUp) {}

  /**
   * What one stage of the script cost, every inspection's share of it: its wall time (the wait for due jobs after the
   * jump included), the user tasks completed in it, and the statements, commits and CPU (this JVM's, PostgreSQL's;
   * -1 unknown) counted while it ran, the pollers' and jobs' included.
   */
  record StageCost(String stage, long millis, long tasks, long statements, long commits, long jvmCpuNanos,
                   long databaseCpuNanos) {}

  /**
   * The board of one inspection with every task done, read over HTTP as the Business Unit with every other
   * inspection of the run in the database: wall milliseconds per answer, sorted ({@code page}: the HTML page).
   */
  record BoardTimes(String reference, int otherInspections, List<Double> apiMillis, List<Double> pageMillis) {}

  static final int BOARD_WARM_UP = 5;
  static final int BOARD_READS = 50;

  record Memory(long heapUsedBytes, long heapUsedAfterGcBytes, long heapCommittedBytes, long residentBytes,
                long peakResidentBytes) {}

  private static final Duration DRAIN = Duration.ofMinutes(5);

  private ProductRun() {}

  /**
   * The inspections a run drives first, unmeasured, so that the product is measured warm as bare Camunda is (bare
   * Camunda runs after it in this JVM, on the engine code the product's run has compiled): notified
   * {@link #WARM_UP_WEEKS} weeks before the measured ones, done through every stage, their reminders drained. 0 for
   * none, as every run before 2026-12-05 (evening) was made.
   */
  static final int WARM_UP_INSPECTIONS = Integer.getInteger("bench.warmup.inspections", 10);
  static final int WARM_UP_WEEKS = 14;

  /** What the warm-up drove, for the record: it is not part of any figure. */
  record WarmUp(int inspections, long tasks, long driveMillis, String note) {}

  static Result run(PostgresDatabase database, GreenMail smtp, int inspections, int threads) throws Exception {
    StatementCounter counter = new StatementCounter();
    MovedClock clock = new MovedClock();
    long startupBegan = System.nanoTime();
    ConfigurableApplicationContext context = start(database, counter);
    long startupMillis = (System.nanoTime() - startupBegan) / 1_000_000;
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      demoUsers(engine.getIdentityService(), context.getBean(Partnership.class));
      InspectionDriver driver = InspectionDriver.of(context);
      Instant notifiedAt = java.time.OffsetDateTime.parse(InspectionDriver.NOTIFIED_AT).toInstant();
      WarmUp warmUp = warmUp(database, smtp, clock, driver, workers, jdbc, notifiedAt);

      List<String> references = new ArrayList<>();
      for (int i = 1; i <= inspections; i++) {
        references.add(MEASURED_PREFIX + i);
      }
      driver.forgetRetriesByTaskAndCause();
      long deadlocksBefore = deadlocks(jdbc);
      long triedAgainBefore = uk.jtai.response.tasks.ConcurrentChange.submissionsTriedAgain();
      long tasksBefore = driver.tasksCompleted();
      long driverRetriesBefore = driver.concurrentChangeRetries();
      StatementCounter.Counts before = counter.now();
      Map<String, Long> stageMillis = new LinkedHashMap<>();
      List<StageCost> stageCosts = new ArrayList<>();
      long began = System.nanoTime();
      long jobsWaitedMillis = drive(database, smtp, clock, driver, workers, references, notifiedAt, counter, stageMillis,
          stageCosts);
      long driveMillis = (System.nanoTime() - began) / 1_000_000;
      StatementCounter.Counts sql = counter.now().minus(before);

      long ended = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("jtai-inspection")
          .processInstanceBusinessKeyLike(MEASURED_PREFIX + "%").finished().count();
      if (ended != inspections) {
        throw new IllegalStateException(ended + " of " + inspections + " inspections closed");
      }
      drainReminders(jdbc, clock);
      long deadlocks = deadlocks(jdbc) - deadlocksBefore;
      Map<String, Long> reminders = reminderCounts(jdbc, clock, MEASURED_PREFIX);
      List<Long> lags = reminderLags(jdbc, clock, MEASURED_PREFIX);
      smtp.purgeEmailFromAllMailboxes();
      BoardTimes board = boardTimes(context.getEnvironment().getProperty("local.server.port", Integer.class),
          references.get(0), inspections - 1 + warmUp.inspections());
      Memory memory = memory();
      long tasks = driver.tasksCompleted() - tasksBefore;
      return new Result(inspections, threads, startupMillis, driveMillis, tasks, tasks * 1000.0 / driveMillis,
          driver.concurrentChangeRetries() - driverRetriesBefore, sql, stageMillis, reminders, lags,
          reminderLagParts(jdbc, clock, MEASURED_PREFIX), memory, board, deadlocks, jobsWaitedMillis,
          driver.concurrentChangeRetriesByTaskAndCause(), uk.jtai.response.tasks.ConcurrentChange.submissionsTriedAgain() - triedAgainBefore,
          stageCosts, warmUp);
    } finally {
      workers.shutdown();
      context.close();
      clock.reset();
    }
  }

  static final String MEASURED_PREFIX = "JTAI-2027-05-B";

  /**
   * Drives the warm-up inspections through every stage, notified {@link #WARM_UP_WEEKS} weeks before the measured
   * ones, and drains their reminders; none when that is already past (the engine clock moves only forward) or when
   * {@link #WARM_UP_INSPECTIONS} is 0. Refuses to leave the clock past the measured notification.
   */
  private static WarmUp warmUp(PostgresDatabase database, GreenMail smtp, MovedClock clock, InspectionDriver driver,
                               ExecutorService workers, JdbcTemplate jdbc, Instant measuredNotifiedAt) throws Exception {
    Instant notifiedAt = measuredNotifiedAt.minus(Duration.ofDays(7L * WARM_UP_WEEKS));
    if (WARM_UP_INSPECTIONS <= 0) {
      return new WarmUp(0, 0, 0, "none (bench.warmup.inspections=0): measured from a cold JVM");
    }
    if (!notifiedAt.isAfter(Instant.now())) {
      return new WarmUp(0, 0, 0, "none: its notification (" + notifiedAt + ") is past, and the engine clock moves only "
          + "forward; measured from a cold JVM");
    }
    java.time.ZonedDateTime month = notifiedAt.atZone(java.time.ZoneOffset.UTC);
    String prefix = String.format("JTAI-%d-%02d-W", month.getYear(), month.getMonthValue());
    List<String> references = new ArrayList<>();
    for (int i = 1; i <= WARM_UP_INSPECTIONS; i++) {
      references.add(prefix + i);
    }
    long tasksBefore = driver.tasksCompleted();
    long began = System.nanoTime();
    drive(database, smtp, clock, driver, workers, references, notifiedAt, null, new LinkedHashMap<>(), new ArrayList<>());
    drainReminders(jdbc, clock);
    long millis = (System.nanoTime() - began) / 1_000_000;
    if (clock.engineNow() >= measuredNotifiedAt.toEpochMilli()) {
      throw new IllegalStateException("the warm-up ran the engine clock past the measured inspections' notification ("
          + measuredNotifiedAt + "): fewer weeks between them than the script spans");
    }
    return new WarmUp(references.size(), driver.tasksCompleted() - tasksBefore, millis,
        references.size() + " inspections notified " + notifiedAt + ", every stage, before measuring");
  }

  /**
   * Every stage of the script for every inspection of {@code references} (notified at {@code notifiedAt}), the
   * engine clock moved to each stage's time; each stage's wall time and, with a {@code counter}, its cost. Returns the
   * wall milliseconds spent waiting for due jobs after the jumps.
   */
  private static long drive(PostgresDatabase database, GreenMail smtp, MovedClock clock, InspectionDriver driver,
                            ExecutorService workers, List<String> references, Instant notifiedAt, StatementCounter counter,
                            Map<String, Long> stageMillis, List<StageCost> stageCosts) throws Exception {
    long jobsWaitedMillis = 0;
    for (InspectionDriver.Stage stage : InspectionDriver.stages()) {
      long stageBegan = System.nanoTime();
      StatementCounter.Counts stageBefore = counter == null ? null : counter.now();
      long tasksBefore = driver.tasksCompleted();
      clock.moveTo(driver.clockOf(stage, references.get(0), notifiedAt));
      jobsWaitedMillis += awaitDueJobs(database, clock);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < references.size(); i++) {
        String reference = references.get(i);
        int series = 100 + i % 900;
        done.add(workers.submit(() -> {
          stage.steps().run(driver, reference, series, notifiedAt);
          return null;
        }));
      }
      for (Future<?> inspection : done) {
        inspection.get();
      }
      smtp.purgeEmailFromAllMailboxes();
      long millis = (System.nanoTime() - stageBegan) / 1_000_000;
      stageMillis.put(stage.name(), millis);
      if (counter != null) {
        StatementCounter.Counts spent = counter.now().minus(stageBefore);
        stageCosts.add(new StageCost(stage.name(), millis, driver.tasksCompleted() - tasksBefore, spent.statements(),
            spent.commits(), spent.jvmCpuNanos(), spent.databaseCpuNanos()));
      }
    }
    return jobsWaitedMillis;
  }

  /**
   * The whole application in this JVM on {@code database} with profile {@code postgres}, every SQL statement counted
   * by {@code counter}, e-mail to the tests' SMTP server.
   */
  static ConfigurableApplicationContext start(PostgresDatabase database, StatementCounter counter) {
    return new SpringApplicationBuilder(JtaiResponseApplication.class)
        .profiles("postgres")
        .initializers(c -> c.getBeanFactory().addBeanPostProcessor(counter.wrapper()))
        .run("--server.port=0", "--JTAI_DB_URL=" + database.url(), "--JTAI_DB_USER=" + database.user(),
            "--JTAI_DB_PASSWORD=" + database.password(), "--JTAI_SMTP_HOST=127.0.0.1", "--JTAI_SMTP_PORT=" + TestSmtp.port(),
            "--JTAI_ADMIN_USER=bench-admin", "--JTAI_ADMIN_PASSWORD=Amber-Quarry-46!",
            "--JTAI_PUBLIC_URL=https://jtai.example",
            "--JTAI_IDENTITY_KEY=" + uk.jtai.response.childselection.identity.IdentityCipher.newKey(),
            // Idle job acquisition backs off to 60 s by default; a jumped clock makes timers due at once,
            // which a real clock never does, so the executor looks again after at most 2 s. The first wait must
            // not exceed the longest: with max-wait below wait-time-in-millis (5 s by default) Camunda's back-off
            // never leaves level 0 and acquisition spins without waiting (measured: 2,600 queries and commits a
            // second on an idle engine, which made up 13 of the 17 commits per user task of earlier runs).
            "--camunda.bpm.job-execution.wait-time-in-millis=500", "--camunda.bpm.job-execution.max-wait=2000");
  }

  /**
   * Waits until the job executor has run every job due by the engine clock's now (the timers a jump made due, the
   * asynchronous continuations left from the stage before): hours pass between two stages, in which a real clock
   * fires the timers before anyone acts, so the stage's people do not meet them mid-completion. Returns the wall
   * milliseconds waited (part of the run's time).
   */
  private static long awaitDueJobs(PostgresDatabase database, MovedClock clock) throws Exception {
    long began = System.nanoTime();
    long deadline = began + DRAIN.toNanos();
    // Its own connection, so that the waiting is not counted as the product's statements.
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password());
         java.sql.PreparedStatement due = connection.prepareStatement("select count(*) from ACT_RU_JOB where RETRIES_ > 0 "
             + "and SUSPENSION_STATE_ = 1 and (DUEDATE_ is null or DUEDATE_ <= ?)")) {
      while (System.nanoTime() < deadline) {
        due.setTimestamp(1, new java.sql.Timestamp(clock.engineNow()));
        try (java.sql.ResultSet count = due.executeQuery()) {
          count.next();
          if (count.getLong(1) == 0) {
            break;
          }
        }
        Thread.sleep(100);
      }
    }
    return (System.nanoTime() - began) / 1_000_000;
  }

  /**
   * Deadlocks PostgreSQL has detected in the product's database so far ({@code pg_stat_database}), read after a
   * second so that the statistics of the last transactions are in.
   */
  static long deadlocks(JdbcTemplate jdbc) throws InterruptedException {
    Thread.sleep(1000);
    Long deadlocks = jdbc.queryForObject("select deadlocks from pg_stat_database where datname = current_database()", Long.class);
    return deadlocks == null ? 0 : deadlocks;
  }

  private static BoardTimes boardTimes(int port, String reference, int others) {
    Http bu = Http.as(port, "bu", TestUsers.PASSWORD);
    List<Double> api = new ArrayList<>();
    List<Double> page = new ArrayList<>();
    for (int i = 0; i < BOARD_WARM_UP + BOARD_READS; i++) {
      long began = System.nanoTime();
      int apiStatus = bu.get("/api/inspections/" + reference + "/board").statusCode();
      long between = System.nanoTime();
      int pageStatus = bu.get("/inspections/" + reference + "/board").statusCode();
      long ended = System.nanoTime();
      if (apiStatus != 200 || pageStatus != 200) {
        throw new IllegalStateException("the board of " + reference + " answered " + apiStatus + " and " + pageStatus);
      }
      if (i >= BOARD_WARM_UP) {
        api.add((between - began) / 1e6);
        page.add((ended - between) / 1e6);
      }
    }
    api.sort(Double::compare);
    page.sort(Double::compare);
    return new BoardTimes(reference, others, api, page);
  }

  /** The demo profile's users (one per role), with passwords that are not the demo one. */
  static void demoUsers(IdentityService identity, Partnership partnership) {
    for (DemoUsers.DemoUser user : new DemoUsers(partnership, TestUsers.PASSWORD).users()) {
      TestUsers.ensure(identity, user.id(), user.groups().toArray(String[]::new));
    }
  }

  /** Waits until every reminder due by now is dealt with and every e-mail it wrote has left the outbox. */
  static void drainReminders(JdbcTemplate jdbc, MovedClock clock) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (System.nanoTime() < deadline) {
      Long waiting = jdbc.queryForObject("select (select count(*) from jtai_reminder where status = 'PENDING' "
          + "and send_at <= to_timestamp(? / 1000.0)) + (select count(*) from jtai_outbox where status = 'PENDING')",
          Long.class, clock.engineNow());
      if (waiting != null && waiting == 0) {
        return;
      }
      Thread.sleep(250);
    }
  }

  /** The reminders of the inspections whose reference starts with {@code prefix} ("" for all). */
  static Map<String, Long> reminderCounts(JdbcTemplate jdbc, MovedClock clock, String prefix) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("planned", jdbc.queryForObject("select count(*) from jtai_reminder where reference like ?", Long.class,
        prefix + "%"));
    counts.put("due during the run", jdbc.queryForObject("select count(*) from jtai_reminder where send_at <= to_timestamp(? / 1000.0) "
        + "and reference like ?", Long.class, clock.engineNow(), prefix + "%"));
    jdbc.query("select status, count(*) from jtai_reminder where send_at <= to_timestamp(? / 1000.0) and reference like ? "
            + "group by status order by status",
        row -> {
          counts.put(row.getString(1), row.getLong(2));
        }, clock.engineNow(), prefix + "%");
    return counts;
  }

  /**
   * Per reminder that was e-mailed, wall milliseconds from the moment the engine clock reached its send
   * time to the moment its e-mail was handed to the mail server (outbox sent_at), both turned from engine
   * time into wall time through the clock's jumps; sorted.
   */
  /** The lags of the reminders of the inspections whose reference starts with {@code prefix} ("" for all). */
  static List<Long> reminderLags(JdbcTemplate jdbc, MovedClock clock, String prefix) {
    List<Long> lags = new ArrayList<>(jdbc.query("select extract(epoch from r.send_at) * 1000, extract(epoch from o.sent_at) * 1000 "
            + "from jtai_reminder r join jtai_outbox o on o.dedup_key = 'reminder:' || r.id where o.status = 'SENT' "
            + "and r.reference like ?",
        (row, i) -> clock.wallWhenReached(Math.round(row.getDouble(2))) - clock.wallWhenReached(Math.round(row.getDouble(1))),
        prefix + "%"));
    lags.sort(Long::compare);
    return lags;
  }

  /**
   * The same lags in their two parts, sorted: {@code written}, from the reminder's time to its e-mail written to the
   * outbox (the reminder row done), and {@code sent}, from there to the mail server. Which side a burst waits on.
   */
  /** The parts of the lags of the inspections whose reference starts with {@code prefix} ("" for all). */
  static Map<String, List<Long>> reminderLagParts(JdbcTemplate jdbc, MovedClock clock, String prefix) {
    List<Long> written = new ArrayList<>();
    List<Long> sent = new ArrayList<>();
    jdbc.query("select extract(epoch from r.send_at) * 1000, extract(epoch from r.done_at) * 1000, "
            + "extract(epoch from o.sent_at) * 1000 from jtai_reminder r join jtai_outbox o on o.dedup_key = 'reminder:' || r.id "
            + "where o.status = 'SENT' and r.reference like ?", row -> {
          long due = clock.wallWhenReached(Math.round(row.getDouble(1)));
          long done = clock.wallWhenReached(Math.round(row.getDouble(2)));
          written.add(done - due);
          sent.add(clock.wallWhenReached(Math.round(row.getDouble(3))) - done);
        }, prefix + "%");
    written.sort(Long::compare);
    sent.sort(Long::compare);
    Map<String, List<Long>> parts = new LinkedHashMap<>();
    parts.put("written", written);
    parts.put("sent", sent);
    return parts;
  }

  static Memory memory() throws Exception {
    var heap = ManagementFactory.getMemoryMXBean();
    long used = heap.getHeapMemoryUsage().getUsed();
    System.gc();
    long afterGc = heap.getHeapMemoryUsage().getUsed();
    long committed = heap.getHeapMemoryUsage().getCommitted();
    Map<String, Long> status = new LinkedHashMap<>();
    Path proc = Path.of("/proc/self/status");
    if (Files.exists(proc)) {
      for (String line : Files.readAllLines(proc)) {
        String[] parts = line.split("\\s+");
        if ((line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) && parts.length >= 2) {
          status.put(parts[0], Long.parseLong(parts[1]) * 1024);
        }
      }
    }
    return new Memory(used, afterGc, committed, status.getOrDefault("VmRSS:", -1L), status.getOrDefault("VmHWM:", -1L));
  }
}
