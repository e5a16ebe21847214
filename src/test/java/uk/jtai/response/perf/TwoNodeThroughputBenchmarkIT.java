package uk.jtai.response.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.PartnershipFixtures;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.support.PostgresDatabase;
import uk.jtai.response.support.ServiceNode;
import uk.jtai.response.support.TestSmtp;

/**
 * Two nodes, really sharing (issue 19): the packaged service as separate processes (the jar, {@code -Xmx256m}) on
 * one PostgreSQL database, driven over HTTP as Tasklist's users drive it ({@link RestPerformer}): first one node
 * alone, then two with every request sent to the next node in turn. Each run starts {@code bench.nodes.inspections}
 * inspections notified now and does the on-time script's first {@code bench.nodes.stages} stages for each (the
 * notification, day 1's cascade, meetings and evidence, day 2's Annex A: what is due on a running clock; the jar's
 * clock cannot be moved), {@code bench.nodes.threads} inspections at a time. Each node first does a few
 * inspections alone, so that both runs meet warmed-up JVMs. Prints, and writes to target/benchmark/two-nodes.json:
 * user tasks a second for one node and for two and their ratio, each node's share of the requests, of the jobs
 * run and of the e-mails sent, the e-mails received more than once, PostgreSQL's deadlocks, and each node's
 * resident memory. Never asserted.
 *
 * <p>{@code ./mvnw -Pbench -Dit.test=TwoNodeThroughputBenchmarkIT verify}
 */
class TwoNodeThroughputBenchmarkIT {

  private static final String THEME = InspectionDriver.THEME;
  private static final InspectionScript SCRIPT = InspectionScript.onTime();

  /** One measured run: its inspections, the user tasks completed and how long they took. */
  record Run(String name, Instant notifiedAt, List<String> references, long tasks, double seconds, long triedAgain, Map<String, Long> requests,
             Map<String, Double> cpuSeconds) {
    double tasksPerSecond() {
      return tasks / seconds;
    }

    /** "machine busy 96% of 2 cores (steal 3%); node-1 20.1 s, PostgreSQL 6.0 s, ...". */
    String cpu() {
      List<String> parts = new ArrayList<>();
      cpuSeconds.forEach((who, cpu) -> {
        if (!who.startsWith("machine")) {
          parts.add(String.format("%s %.1f s", who, cpu));
        }
      });
      int cores = Runtime.getRuntime().availableProcessors();
      return String.format("machine busy %.0f%% of %d cores (stolen by the host %.0f%%); CPU: %s",
          100 * cpuSeconds.get("machine busy") / (seconds * cores), cores, 100 * cpuSeconds.get("machine stolen") / (seconds * cores),
          String.join(", ", parts));
    }
  }

  /**
   * CPU time so far, in clock ticks of /proc: each node's JVM, every PostgreSQL process (its backends come and go
   * with connections, so a backend that ended between two readings is missed), this JVM (the driver, GreenMail),
   * and the machine's busy and stolen time.
   */
  private static Map<String, Long> cpuTicks(List<ServiceNode> nodes) throws java.io.IOException {
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (ServiceNode node : nodes) {
      ticks.put(node.name(), processTicks(Path.of("/proc", Long.toString(node.process().pid()), "stat")));
    }
    long postgres = 0;
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
            postgres += processTicks(process.resolve("stat"));
          }
        } catch (java.io.IOException gone) {
          // ended while the list was read
        }
      }
    }
    ticks.put("PostgreSQL", postgres);
    ticks.put("driver and mail server (this JVM)", processTicks(Path.of("/proc/self/stat")));
    String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    // cpu user nice system idle iowait irq softirq steal
    ticks.put("machine busy", Long.parseLong(all[1]) + Long.parseLong(all[2]) + Long.parseLong(all[3]) + Long.parseLong(all[6])
        + Long.parseLong(all[7]) + Long.parseLong(all[8]));
    ticks.put("machine stolen", Long.parseLong(all[8]));
    return ticks;
  }

  /** utime + stime of a /proc/<pid>/stat (fields 14 and 15, after the command name in brackets). */
  private static long processTicks(Path stat) throws java.io.IOException {
    if (!Files.exists(stat)) {
      return 0;
    }
    String line = Files.readString(stat);
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Seconds of CPU between two readings (/proc counts 100 ticks a second). */
  private static Map<String, Double> cpuSeconds(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    after.forEach((who, ticks) -> seconds.put(who, (ticks - before.getOrDefault(who, 0L)) / 100.0));
    return seconds;
  }

  /** The packaged service's JVM options as docker-compose.yml runs it. */
  static final List<String> JVM_OPTIONS = List.of(System.getProperty("bench.nodes.jvm",
      "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").split(" "));

  private final int inspections = Integer.getInteger("bench.nodes.inspections", 24);
  private final int threads = Integer.getInteger("bench.nodes.threads", 8);
  private final int stages = Integer.getInteger("bench.nodes.stages", 3);
  private final int warmUp = Integer.getInteger("bench.nodes.warm-up", 6);
  private final Theme theme = PartnershipFixtures.themes().theme(THEME);
  private final List<String> statutoryPartners = PartnershipFixtures.york().statutoryPartners().stream().map(Agency::id).toList();

  private PostgresDatabase database;
  private GreenMail smtp;

  @Test
  void oneNodeThenTwoOnOnePostgresql() throws Exception {
    database = PostgresDatabase.fresh(System.getenv().getOrDefault("JTAI_TEST_DB", "jtai_it") + "_bench_nodes");
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    // The server as production runs it (autovacuum on): see PostgresDatabase.autovacuumOn.
    PostgresDatabase.Autovacuum autovacuum = PostgresDatabase.autovacuumOn();
    List<ServiceNode> started = new ArrayList<>();
    try {
      JdbcTemplate sql = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
      long deadlocksBefore = ProductRun.deadlocks(sql);
      ServiceNode first = node("node-1");
      started.add(first);
      drive("warm-up node-1", List.of(first), "W1", warmUp);
      Run one = drive("one node", List.of(first), "A", inspections);
      ServiceNode second = node("node-2");
      started.add(second);
      drive("warm-up node-2", List.of(second), "W2", warmUp);
      Run two = drive("two nodes", List.of(first, second), "B", inspections);
      long deadlocks = ProductRun.deadlocks(sql) - deadlocksBefore;
      awaitOutboxDrained(two.references());

      String in = "('" + String.join("','", two.references()) + "')";
      Map<String, Long> jobs = ServiceNode.countsByNode(database, "select l.HOSTNAME_, count(*) from ACT_HI_JOB_LOG l join ACT_HI_PROCINST p "
          + "on p.ID_ = l.PROCESS_INSTANCE_ID_ where l.JOB_STATE_ = 2 and p.BUSINESS_KEY_ in " + in + " group by 1", started);
      Map<String, Long> emails = ServiceNode.countsByNode(database, "select split_part(done_by, '/', 1), count(*) from jtai_outbox where status = 'SENT' "
          + "and reference in " + in + " group by 1", started);
      long duplicates = duplicatesReceived(sql);
      double ratio = two.tasksPerSecond() / one.tasksPerSecond();

      System.out.printf("%nTWO-NODE BENCHMARK (%d inspections a run, %d at a time, stages 1 to %d of the on-time script, "
          + "over HTTP as the demo users; %d cores; PostgreSQL on the same machine; notified %s and %s)%n", inspections, threads, stages,
          Runtime.getRuntime().availableProcessors(), one.notifiedAt(), two.notifiedAt());
      for (Run run : List.of(one, two)) {
        System.out.printf("  %-9s  %5d user tasks in %6.1f s = %6.1f a second; tried again by the driver %d; requests %s%n",
            run.name(), run.tasks(), run.seconds(), run.tasksPerSecond(), run.triedAgain(), ServiceNode.shares(run.requests()));
        System.out.printf("  %-9s  %s%n", "", run.cpu());
      }
      System.out.printf("  two nodes against one: %.2f times the user tasks a second (target 1.6)%n", ratio);
      System.out.printf("  two nodes' shares: requests answered %s; jobs run %s; e-mails sent %s%n",
          ServiceNode.shares(two.requests()), jobs.isEmpty() ? "none" : ServiceNode.shares(jobs),
          ServiceNode.shares(emails));
      System.out.printf("  e-mails received more than once: %d; PostgreSQL deadlocks: %d%n", duplicates, deadlocks);
      Map<String, String> memory = new LinkedHashMap<>();
      for (ServiceNode node : started) {
        memory.put(node.name(), node.memory("VmRSS") + " resident, peak " + node.memory("VmHWM"));
        System.out.printf("  %s (packaged jar, %s): %s%n", node.name(), String.join(" ", JVM_OPTIONS), memory.get(node.name()));
      }

      Map<String, Object> results = new LinkedHashMap<>();
      results.put("date", Instant.now().toString());
      results.put("machine", ProductVsBareCamundaBenchmarkIT.machine());
      results.put("inspectionsPerRun", inspections);
      results.put("atATime", threads);
      results.put("stages", SCRIPT.stages().subList(0, stages).stream().map(InspectionScript.Stage::name).toList());
      for (Run run : List.of(one, two)) {
        results.put(run.name(), Map.of("notifiedAt", run.notifiedAt().toString(), "userTasks", run.tasks(), "seconds", run.seconds(), "userTasksPerSecond",
            run.tasksPerSecond(), "triedAgainByTheDriver", run.triedAgain(), "requests", run.requests(), "cpuSeconds", run.cpuSeconds()));
      }
      results.put("ratio", ratio);
      results.put("jobsByNode", jobs);
      results.put("emailsByNode", emails);
      results.put("emailsReceivedMoreThanOnce", duplicates);
      results.put("postgresDeadlocks", deadlocks);
      results.put("jvmOptions", JVM_OPTIONS);
      results.put("memory", memory);
      results.put("postgresAutovacuum", autovacuum.note());
      Path out = Path.of("target", "benchmark", "two-nodes.json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
      System.out.println("  written to " + out);
    } finally {
      for (ServiceNode node : started) {
        node.stop();
      }
      smtp.stop();
      autovacuum.close();
    }
  }

  private ServiceNode node(String name) {
    return ServiceNode.start(name, "bench-" + name + ".log", JVM_OPTIONS, Map.of(
        "SPRING_PROFILES_ACTIVE", "postgres,demo",
        "JTAI_DB_URL", database.url(), "JTAI_DB_USER", database.user(), "JTAI_DB_PASSWORD", database.password(),
        "JTAI_SMTP_HOST", "127.0.0.1", "JTAI_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
        "JTAI_PUBLIC_URL", "https://jtai.example"),
        // The job log as Camunda writes it, each row naming the node that ran the job: each node's share of the jobs.
        List.of("--jtai.history.routine-job-log=true"));
  }

  /**
   * When the runs' inspections are notified: now on a working day; on a weekend or a bank holiday, which the service
   * rightly refuses as a notification day, the last working day at 09:10 (London), so that the run can be made on any
   * day. Notified then, day 1's deadlines may have passed when its tasks open: their escalations are part of the
   * run's work, and the figures of such a run are not those of a weekday's.
   */
  static Instant notifiedAt(Instant now) {
    uk.jtai.response.calendar.WorkingCalendar calendar = uk.jtai.response.calendar.CalendarFixtures.calendar();
    java.time.LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    if (calendar.isWorkingDay(today)) {
      return now;
    }
    java.time.LocalDate day = today.minusDays(1);
    while (!calendar.isWorkingDay(day)) {
      day = day.minusDays(1);
    }
    return day.atTime(9, 10).atZone(calendar.zone()).toInstant();
  }

  /** {@code count} inspections notified {@link #notifiedAt now}, their first stages done {@link #threads} at a time over HTTP. */
  private Run drive(String name, List<ServiceNode> nodes, String series, int count) throws Exception {
    RestPerformer performer = new RestPerformer(nodes);
    Instant notifiedAt = notifiedAt(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    List<String> references = IntStream.rangeClosed(1, count).mapToObj(i -> "JTAI-" + java.time.YearMonth.now(java.time.ZoneOffset.UTC) + "-NODES-" + series + "-" + i).toList();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<String, Long> cpuBefore = cpuTicks(nodes);
    long began = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      InspectionScript.Inspection inspection = InspectionDriver.inspection(theme, statutoryPartners, references.get(i), 300 + i,
          notifiedAt);
      done.add(pool.submit(() -> {
        for (InspectionScript.Stage stage : SCRIPT.stages().subList(0, stages)) {
          SCRIPT.runStage(stage, inspection, performer);
        }
        return null;
      }));
    }
    for (Future<?> inspection : done) {
      inspection.get(15, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    Map<String, Double> cpu = cpuSeconds(cpuBefore, cpuTicks(nodes));
    pool.shutdown();
    return new Run(name, notifiedAt, references, performer.tasksCompleted(), seconds, performer.triedAgain(), performer.requestsByNode(), cpu);
  }

  private void awaitOutboxDrained(List<String> references) throws Exception {
    String in = "('" + String.join("','", references) + "')";
    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (database.count("select count(*) from jtai_outbox where status = 'PENDING' and reference in " + in) > 0
        && System.nanoTime() < until) {
      Thread.sleep(500);
    }
  }

  /** E-mails (by their outbox id) that reached the mail server more often than they have recipients. */
  private long duplicatesReceived(JdbcTemplate sql) throws Exception {
    Map<Long, Integer> recipients = new HashMap<>();
    sql.query("select id, recipients from jtai_outbox", row -> {
      recipients.put(row.getLong(1), row.getString(2).split(",").length);
    });
    return TestSmtp.copiesByOutboxId(smtp).entrySet().stream()
        .filter(e -> e.getValue() > recipients.getOrDefault(e.getKey(), 1)).count();
  }
}
