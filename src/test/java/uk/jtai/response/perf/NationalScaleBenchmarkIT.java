package uk.jtai.response.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.support.PostgresDatabase;
import uk.jtai.response.support.TestSmtp;

/**
 * National scale: 1,500 inspections running at once in one service (every LSCP in England ten times over), on a
 * clock that runs through the working day rather than jumping to each stage, so that the reminders fall due at
 * their real spread. The inspections are notified one after another across day 1 (09:00 to 15:00); no one does
 * any task, so every reminder of day 1 and day 2 and every escalation at their deadlines goes out (the most e-mail
 * those two days can make). The engine clock runs {@code bench.national.speed} times as fast as the wall clock
 * (60: a working day of 9.5 hours in under 10 minutes) through the working hours of day 1 and day 2, and jumps
 * the night between. Prints, and writes to target/benchmark/national.json: reminders planned, due and sent, the
 * reminder lag (wall time from the moment the engine clock reached a reminder's time to its e-mail leaving the
 * outbox) p50/p99/max, how late the starts fell behind their notification times, deadlocks and memory. Never
 * asserted.
 *
 * <p>{@code ./mvnw -Pbench -Dit.test=NationalScaleBenchmarkIT verify}; properties {@code bench.national.inspections}
 * (1500), {@code bench.national.speed} (60), {@code bench.threads} (4 starting threads).
 */
class NationalScaleBenchmarkIT {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Duration TICK = Duration.ofMillis(500);

  /** A stretch of engine time the clock runs through; the clock jumps from one's end to the next one's start. */
  record Window(Instant from, Instant to) {
    long millis() {
      return to.toEpochMilli() - from.toEpochMilli();
    }
  }

  @Test
  void fifteenHundredInspectionsOnARunningClock() throws Exception {
    int inspections = ProductVsBareCamundaBenchmarkIT.property("bench.national.inspections", 1500);
    int speed = ProductVsBareCamundaBenchmarkIT.property("bench.national.speed", 60);
    int threads = ProductVsBareCamundaBenchmarkIT.property("bench.threads", 4);
    String db = System.getenv().getOrDefault("JTAI_TEST_DB", "jtai_it");
    Instant began = Instant.now();

    LocalDate day1 = OffsetDateTime.parse(InspectionDriver.NOTIFIED_AT).toLocalDate();
    List<Window> windows = List.of(
        new Window(at(day1, 8, 30), at(day1, 18, 0)),
        new Window(at(day1.plusDays(1), 8, 0), at(day1.plusDays(1), 18, 0)));
    Instant firstNotified = at(day1, 9, 0);
    Duration notificationSpread = Duration.ofHours(6);

    // The server as production runs it (autovacuum on): see PostgresDatabase.autovacuumOn.
    PostgresDatabase.Autovacuum autovacuum = PostgresDatabase.autovacuumOn();
    GreenMail smtp = new GreenMail(TestSmtp.setup());
    smtp.start();
    // Totals only: counting by source walks stacks, CPU that would add to the lag measured here.
    StatementCounter counter = StatementCounter.totalsOnly();
    MovedClock clock = new MovedClock();
    ConfigurableApplicationContext context = ProductRun.start(PostgresDatabase.fresh(db + "_bench_national"), counter);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ExecutorService starters = Executors.newFixedThreadPool(threads);
    Map<String, Object> results = new LinkedHashMap<>();
    try {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      ProductRun.demoUsers(engine.getIdentityService(), context.getBean(Partnership.class));
      InspectionDriver driver = InspectionDriver.of(context);
      long deadlocksBefore = ProductRun.deadlocks(jdbc);
      StatementCounter.Counts before = counter.now();

      // The clock: working time passes `speed` times as fast as wall time, through the windows.
      clock.moveTo(windows.get(0).from().toEpochMilli());
      long wallStart = System.currentTimeMillis();
      long runMillis = windows.stream().mapToLong(Window::millis).sum() / speed;
      ticker.scheduleAtFixedRate(() -> {
        clock.moveTo(engineTimeAfter(windows, (System.currentTimeMillis() - wallStart) * speed));
      }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
      ticker.scheduleAtFixedRate(() -> {
        try {
          smtp.purgeEmailFromAllMailboxes(); // counted in the outbox, not kept in this JVM's memory
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, 30, 30, TimeUnit.SECONDS);

      // The notifications, one after another across day 1, each started once the clock has reached it.
      List<Long> startLateMillis = Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < inspections; i++) {
        Instant notified = firstNotified.plusMillis(notificationSpread.toMillis() * i / inspections);
        while (clock.engineNow() < notified.toEpochMilli()) {
          Thread.sleep(20);
        }
        String reference = "JTAI-2027-05-N" + (i + 1);
        int series = 100 + i % 900;
        started.add(starters.submit(() -> {
          driver.start(reference, series, notified);
          startLateMillis.add(System.currentTimeMillis() - clock.wallWhenReached(notified.toEpochMilli()));
          return null;
        }));
      }
      for (Future<?> start : started) {
        start.get();
      }
      long startsDoneMillis = System.currentTimeMillis() - wallStart;
      Thread.sleep(Math.max(0, wallStart + runMillis - System.currentTimeMillis()));
      ticker.shutdownNow();
      clock.moveTo(windows.get(windows.size() - 1).to().toEpochMilli());
      long clockStoppedMillis = System.currentTimeMillis() - wallStart;
      ProductRun.drainReminders(jdbc, clock);
      long drainedMillis = System.currentTimeMillis() - wallStart;

      StatementCounter.Counts sql = counter.now().minus(before);
      List<Long> lags = ProductRun.reminderLags(jdbc, clock, "");
      startLateMillis.sort(Long::compare);
      results.put("date", began.toString());
      results.put("machine", ProductVsBareCamundaBenchmarkIT.machine());
      results.put("parameters", Map.of("inspections", inspections, "speed", speed, "startingThreads", threads,
          "windows", windows.stream().map(w -> w.from() + "/" + w.to()).toList(),
          "notified", firstNotified + " plus up to " + notificationSpread));
      Map<String, Object> wall = new LinkedHashMap<>();
      wall.put("startsDoneSeconds", startsDoneMillis / 1000.0);
      wall.put("clockStoppedSeconds", clockStoppedMillis / 1000.0);
      wall.put("drainedSeconds", drainedMillis / 1000.0);
      results.put("wall", wall);
      Map<String, Object> starts = new LinkedHashMap<>();
      starts.put("started", startLateMillis.size());
      starts.put("lateP50Millis", ProductVsBareCamundaBenchmarkIT.percentile(startLateMillis, 50));
      starts.put("lateP99Millis", ProductVsBareCamundaBenchmarkIT.percentile(startLateMillis, 99));
      results.put("starts", starts);
      results.put("openTasks", engine.getTaskService().createTaskQuery().count());
      results.put("reminders", ProductRun.reminderCounts(jdbc, clock, ""));
      results.put("reminderLag", ProductVsBareCamundaBenchmarkIT.lag(lags));
      Map<String, Object> parts = new LinkedHashMap<>();
      ProductRun.reminderLagParts(jdbc, clock, "").forEach((part, sorted) -> parts.put(part, ProductVsBareCamundaBenchmarkIT.lag(sorted)));
      results.put("reminderLagParts", parts);
      results.put("emailsSent", jdbc.queryForObject("select count(*) from jtai_outbox where status = 'SENT'", Long.class));
      results.put("emailsNotSent", jdbc.queryForObject("select count(*) from jtai_outbox where status <> 'SENT'", Long.class));
      results.put("sqlStatements", sql.statements());
      results.put("commits", sql.commits());
      results.put("postgresDeadlocksDetected", ProductRun.deadlocks(jdbc) - deadlocksBefore);
      results.put("memoryAfterRun", ProductRun.memory());
      results.put("postgresAutovacuum", autovacuum.note());
    } finally {
      ticker.shutdownNow();
      starters.shutdownNow();
      context.close();
      clock.reset();
      smtp.stop();
      autovacuum.close();
    }

    String printed = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    System.out.println("NATIONAL SCALE\n" + printed);
    Path file = Path.of("target", "benchmark", "national.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, printed);
    System.out.println("NATIONAL SCALE results written to " + file.toAbsolutePath());
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(LONDON).toInstant();
  }

  /** The engine instant {@code workingMillis} of working time into the windows (their last instant beyond them). */
  static long engineTimeAfter(List<Window> windows, long workingMillis) {
    long left = workingMillis;
    for (Window window : windows) {
      if (left < window.millis()) {
        return window.from().toEpochMilli() + left;
      }
      left -= window.millis();
    }
    return windows.get(windows.size() - 1).to().toEpochMilli();
  }
}
