package uk.jtai.response.perf;

import com.icegreen.greenmail.util.GreenMail;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                long deadlocks, long jobsWaitedMillis, Map<String, Long> retriesByTaskAndCause, long triedAgainByTheService) {}

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

  static Result run(PostgresDatabase database, GreenMail smtp, int inspections, int threads) throws Exception {
    StatementCounter counter = new StatementCounter();
    MovedClock clock = new MovedClock();
    long startupBegan = System.nanoTime();
    ConfigurableApplicationContext context = start(database, counter);
    long startupMillis = (System.nanoTime() - startupBegan) / 1_000_000;
    try {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      demoUsers(engine.getIdentityService(), context.getBean(Partnership.class));
      InspectionDriver driver = InspectionDriver.of(context);
      List<String> references = new ArrayList<>();
      for (int i = 1; i <= inspections; i++) {
        references.add("JTAI-2027-05-B" + i);
      }

      long deadlocksBefore = deadlocks(jdbc);
      long triedAgainBefore = uk.jtai.response.tasks.ConcurrentChange.submissionsTriedAgain();
      StatementCounter.Counts before = counter.now();
      Map<String, Long> stageMillis = new LinkedHashMap<>();
      ExecutorService workers = Executors.newFixedThreadPool(threads);
      long began = System.nanoTime();
      long jobsWaitedMillis = 0;
      for (InspectionDriver.Stage stage : InspectionDriver.stages()) {
        long stageBegan = System.nanoTime();
        clock.moveTo(driver.clockOf(stage, references.get(0)));
        jobsWaitedMillis += awaitDueJobs(database, clock);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
          String reference = references.get(i);
          int series = 100 + i % 900;
          done.add(workers.submit(() -> {
            stage.steps().run(driver, reference, series);
            return null;
          }));
        }
        for (Future<?> inspection : done) {
          inspection.get();
        }
        smtp.purgeEmailFromAllMailboxes();
        stageMillis.put(stage.name(), (System.nanoTime() - stageBegan) / 1_000_000);
      }
      long driveMillis = (System.nanoTime() - began) / 1_000_000;
      StatementCounter.Counts sql = counter.now().minus(before);
      workers.shutdown();

      long ended = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("jtai-inspection")
          .finished().count();
      if (ended != inspections) {
        throw new IllegalStateException(ended + " of " + inspections + " inspections closed");
      }
      drainReminders(jdbc, clock);
      long deadlocks = deadlocks(jdbc) - deadlocksBefore;
      Map<String, Long> reminders = reminderCounts(jdbc, clock);
      List<Long> lags = reminderLags(jdbc, clock);
      smtp.purgeEmailFromAllMailboxes();
      BoardTimes board = boardTimes(context.getEnvironment().getProperty("local.server.port", Integer.class),
          references.get(0), inspections - 1);
      Memory memory = memory();
      long tasks = driver.tasksCompleted();
      return new Result(inspections, threads, startupMillis, driveMillis, tasks, tasks * 1000.0 / driveMillis,
          driver.concurrentChangeRetries(), sql, stageMillis, reminders, lags, reminderLagParts(jdbc, clock), memory, board, deadlocks, jobsWaitedMillis,
          driver.concurrentChangeRetriesByTaskAndCause(), uk.jtai.response.tasks.ConcurrentChange.submissionsTriedAgain() - triedAgainBefore);
    } finally {
      context.close();
      clock.reset();
    }
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

  static Map<String, Long> reminderCounts(JdbcTemplate jdbc, MovedClock clock) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("planned", jdbc.queryForObject("select count(*) from jtai_reminder", Long.class));
    counts.put("due during the run", jdbc.queryForObject("select count(*) from jtai_reminder where send_at <= to_timestamp(? / 1000.0)",
        Long.class, clock.engineNow()));
    jdbc.query("select status, count(*) from jtai_reminder where send_at <= to_timestamp(? / 1000.0) group by status order by status",
        row -> {
          counts.put(row.getString(1), row.getLong(2));
        }, clock.engineNow());
    return counts;
  }

  /**
   * Per reminder that was e-mailed, wall milliseconds from the moment the engine clock reached its send
   * time to the moment its e-mail was handed to the mail server (outbox sent_at), both turned from engine
   * time into wall time through the clock's jumps; sorted.
   */
  static List<Long> reminderLags(JdbcTemplate jdbc, MovedClock clock) {
    List<Long> lags = new ArrayList<>(jdbc.query("select extract(epoch from r.send_at) * 1000, extract(epoch from o.sent_at) * 1000 "
            + "from jtai_reminder r join jtai_outbox o on o.dedup_key = 'reminder:' || r.id where o.status = 'SENT'",
        (row, i) -> clock.wallWhenReached(Math.round(row.getDouble(2))) - clock.wallWhenReached(Math.round(row.getDouble(1)))));
    lags.sort(Long::compare);
    return lags;
  }

  /**
   * The same lags in their two parts, sorted: {@code written}, from the reminder's time to its e-mail written to the
   * outbox (the reminder row done), and {@code sent}, from there to the mail server. Which side a burst waits on.
   */
  static Map<String, List<Long>> reminderLagParts(JdbcTemplate jdbc, MovedClock clock) {
    List<Long> written = new ArrayList<>();
    List<Long> sent = new ArrayList<>();
    jdbc.query("select extract(epoch from r.send_at) * 1000, extract(epoch from r.done_at) * 1000, "
            + "extract(epoch from o.sent_at) * 1000 from jtai_reminder r join jtai_outbox o on o.dedup_key = 'reminder:' || r.id "
            + "where o.status = 'SENT'", row -> {
          long due = clock.wallWhenReached(Math.round(row.getDouble(1)));
          long done = clock.wallWhenReached(Math.round(row.getDouble(2)));
          written.add(done - due);
          sent.add(clock.wallWhenReached(Math.round(row.getDouble(3))) - done);
        });
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
