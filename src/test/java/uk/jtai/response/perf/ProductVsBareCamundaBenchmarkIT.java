package uk.jtai.response.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.PostgresDatabase;
import uk.jtai.response.support.TestSmtp;

/**
 * The benchmark of issue 9: on PostgreSQL, in one run, (b) the product driving N' whole inspections side
 * by side through every user task with the clock moved and reminders on, then (a) bare Camunda starting
 * and completing N instances of a one-user-task process. Prints user tasks per second of both and their
 * ratio, reminder lag, SQL statements and commits per user task, start-up time, heap and resident memory,
 * and writes them to target/benchmark/results.json. Figures are printed, never asserted: the run fails only
 * if it could not do its work (an inspection that did not close, a task never offered).
 *
 * <p>Runs only with {@code -Pbench}. System properties: {@code bench.inspections} (N', 150; 2 for a smoke
 * run), {@code bench.baseline.instances} (N, 2000; 20), {@code bench.threads} (drivers side by side in
 * both, 4), {@code bench.warmup.inspections} (driven through every stage before the product is measured, 10; 0
 * measures it from a cold JVM, see {@link ProductRun#WARM_UP_INSPECTIONS}).
 */
class ProductVsBareCamundaBenchmarkIT {

  static int property(String name, int fallback) {
    return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
  }

  @Test
  void productAgainstBareCamunda() throws Exception {
    int inspections = property("bench.inspections", 2);
    int instances = property("bench.baseline.instances", 20);
    int threads = property("bench.threads", 4);
    String db = System.getenv().getOrDefault("JTAI_TEST_DB", "jtai_it");
    Instant began = Instant.now();

    ProductRun.Result product;
    BareCamundaBaseline.Result baseline;
    List<BareCamundaBaseline.Result> withWhatEveryTaskHas = new ArrayList<>();
    String autovacuum;
    // Both sides on the server as production runs it (autovacuum on): see PostgresDatabase.autovacuumOn.
    try (PostgresDatabase.Autovacuum vacuum = PostgresDatabase.autovacuumOn()) {
      autovacuum = vacuum.note();
      GreenMail smtp = new GreenMail(TestSmtp.setup());
      smtp.start();
      try {
        product = ProductRun.run(PostgresDatabase.fresh(db + "_bench_product"), smtp, inspections, threads);
      } finally {
        smtp.stop();
      }
      baseline = BareCamundaBaseline.run(PostgresDatabase.fresh(db + "_bench_baseline"), instances, threads);
      // Not the target's baseline: how much of the gap is what the brief asks of every task (see BareCamundaBaseline).
      for (BareCamundaBaseline.Variant variant : List.of(BareCamundaBaseline.Variant.AUTHORIZATION,
          BareCamundaBaseline.Variant.AUTHORIZATION_AND_DEADLINE)) {
        withWhatEveryTaskHas.add(BareCamundaBaseline.run(PostgresDatabase.fresh(db + "_bench_baseline"), instances,
            threads, variant));
      }
    }

    Map<String, Object> results = results(began, product, baseline);
    results.put("postgresAutovacuum", autovacuum);
    Map<String, Object> variants = new LinkedHashMap<>();
    for (BareCamundaBaseline.Result variant : withWhatEveryTaskHas) {
      Map<String, Object> figures = figures(variant);
      figures.put("ratioProductToThisTasksPerSecond", product.tasksPerSecond() / variant.tasksPerSecond());
      variants.put(variant.variant().label, figures);
    }
    results.put("bareCamundaWithWhatEveryProductTaskHas", variants);
    System.out.println(table(product, baseline));
    System.out.println(variantsTable(product, baseline, withWhatEveryTaskHas));
    System.out.println("PostgreSQL autovacuum: " + autovacuum);
    Path file = Path.of("target", "benchmark", "results.json");
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
    System.out.println("BENCHMARK results written to " + file.toAbsolutePath());
  }

  static Map<String, Object> results(Instant began, ProductRun.Result product, BareCamundaBaseline.Result baseline)
      throws Exception {
    Map<String, Object> machine = machine();

    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("inspections", product.inspections());
    parameters.put("baselineInstances", baseline.instances());
    parameters.put("threads", product.threads());
    parameters.put("productWarmUp", product.warmUp());

    Map<String, Object> productFigures = figures(product.startupMillis(), product.driveMillis(), product.tasks(),
        product.tasksPerSecond(), product.sql());
    productFigures.put("concurrentChangeRetries", product.concurrentChangeRetries());
    productFigures.put("concurrentChangeRetriesPercentOfTasks", 100.0 * product.concurrentChangeRetries() / Math.max(1, product.tasks()));
    productFigures.put("concurrentChangeRetriesByTaskAndCause", product.retriesByTaskAndCause());
    productFigures.put("submissionsTriedAgainByTheService", product.triedAgainByTheService());
    productFigures.put("submissionsTriedAgainByTheServicePercentOfTasks", 100.0 * product.triedAgainByTheService() / Math.max(1, product.tasks()));
    productFigures.put("postgresDeadlocksDetected", product.deadlocks());
    productFigures.put("stageMillis", product.stageMillis());
    productFigures.put("stageCosts", product.stageCosts());
    productFigures.put("waitedForDueJobsAfterEachJumpMillis", product.jobsWaitedMillis());
    productFigures.put("reminders", product.reminders());
    productFigures.put("reminderLag", lag(product.reminderLagsMillis()));
    Map<String, Object> parts = new LinkedHashMap<>();
    product.reminderLagParts().forEach((part, sorted) -> parts.put(part, lag(sorted)));
    productFigures.put("reminderLagParts", parts);
    productFigures.put("memoryAfterRun", product.memory());
    Map<String, Object> board = new LinkedHashMap<>();
    board.put("reference", product.board().reference());
    board.put("otherInspectionsInTheDatabase", product.board().otherInspections());
    board.put("reads", product.board().apiMillis().size());
    board.put("apiP50Millis", percentileOf(product.board().apiMillis(), 50));
    board.put("apiP90Millis", percentileOf(product.board().apiMillis(), 90));
    board.put("apiMaxMillis", percentileOf(product.board().apiMillis(), 100));
    board.put("pageP50Millis", percentileOf(product.board().pageMillis(), 50));
    board.put("pageP90Millis", percentileOf(product.board().pageMillis(), 90));
    board.put("pageMaxMillis", percentileOf(product.board().pageMillis(), 100));
    productFigures.put("boardOfADoneInspection", board);

    Map<String, Object> baselineFigures = figures(baseline);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("date", began.toString());
    results.put("machine", machine);
    results.put("parameters", parameters);
    results.put("product", productFigures);
    results.put("bareCamunda", baselineFigures);
    results.put("ratioProductToBareCamundaTasksPerSecond", product.tasksPerSecond() / baseline.tasksPerSecond());
    results.put("ratioProductToBareCamundaSqlPerTask", perTask(product.sql().statements(), product.tasks())
        / perTask(baseline.sql().statements(), baseline.instances()));
    return results;
  }

  /** A bare Camunda run's figures, as {@link #figures(long, long, long, double, StatementCounter.Counts)}. */
  static Map<String, Object> figures(BareCamundaBaseline.Result run) {
    return figures(run.startupMillis(), run.wallMillis(), run.instances(), run.tasksPerSecond(), run.sql());
  }

  /** What both runs measure alike. */
  static Map<String, Object> figures(long startupMillis, long driveMillis, long tasks, double tasksPerSecond,
                                     StatementCounter.Counts sql) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("startupMillis", startupMillis);
    figures.put("driveMillis", driveMillis);
    figures.put("userTasksCompleted", tasks);
    figures.put("userTasksPerSecond", tasksPerSecond);
    figures.put("sqlStatements", sql.statements());
    figures.put("sqlStatementsPerUserTask", perTask(sql.statements(), tasks));
    figures.put("commitsPerUserTask", perTask(sql.commits(), tasks));
    // Where the time goes: waiting for statements, and the CPU on each side of the connection (this JVM holds the
    // driver, and on the product's side GreenMail too; PostgreSQL is every postgres process on the machine).
    figures.put("sqlWaitMillisPerUserTask", millisPerTask(sql.sqlNanos(), tasks));
    figures.put("jvmCpuMillisPerUserTask", millisPerTask(sql.jvmCpuNanos(), tasks));
    figures.put("postgresCpuMillisPerUserTask", millisPerTask(sql.databaseCpuNanos(), tasks));
    figures.put("sqlWaitMillisPerUserTaskByThreadAndTable", millisPerTask(sql.nanosByTable(), tasks));
    // Where the cost goes (issue 19): per user task, by thread and table, by the product class that issued it
    // (sampled), and commits by that class.
    figures.put("sqlStatementsPerUserTaskByThreadAndTable", perTask(sql.byTable(), tasks));
    figures.put("sqlStatementsPerUserTaskByOrigin", perTask(sql.byOrigin(), tasks));
    figures.put("commitsPerUserTaskByOrigin", perTask(sql.commitsByOrigin(), tasks));
    figures.put("sqlStatementsPerUserTaskByStatement", perTask(sql.bySql(), tasks));
    return figures;
  }

  /** The counts per user task, largest first. */
  static Map<String, Double> perTask(Map<String, Long> counts, long tasks) {
    return largestFirst(counts, count -> Math.round(perTask(count, tasks) * 100) / 100.0);
  }

  /** Nanoseconds as milliseconds per user task (two decimals); -1 when unknown. */
  static double millisPerTask(long nanos, long tasks) {
    return nanos < 0 || tasks == 0 ? -1 : Math.round(nanos / 1e4 / tasks) / 100.0;
  }

  /** Nanoseconds by source as milliseconds per user task, largest first. */
  static Map<String, Double> millisPerTask(Map<String, Long> nanos, long tasks) {
    return largestFirst(nanos, total -> millisPerTask(total, tasks));
  }

  private static Map<String, Double> largestFirst(Map<String, Long> totals, java.util.function.LongToDoubleFunction perTask) {
    Map<String, Double> largestFirst = new LinkedHashMap<>();
    totals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> largestFirst.put(e.getKey(), perTask.applyAsDouble(e.getValue())));
    return largestFirst;
  }

  /** The largest {@code top} sources of a breakdown per user task, one a line. */
  static String breakdown(String title, Map<String, Long> counts, long tasks, int top) {
    return lines(title, perTask(counts, tasks), top);
  }

  /**
   * Bare Camunda with what every one of the product's tasks has (authorization, a deadline timer): the same figures,
   * so that the gap to the target's baseline splits into what the brief asks of a task and what the product adds.
   */
  static String variantsTable(ProductRun.Result product, BareCamundaBaseline.Result baseline,
                              List<BareCamundaBaseline.Result> variants) {
    StringBuilder out = new StringBuilder(String.format("%nBARE CAMUNDA WITH WHAT EVERY PRODUCT TASK HAS (one user task "
        + "each; not the target's baseline)%n%-46s %10s %10s %10s %10s %10s%n", "", "tasks/s", "product/x", "statements",
        "JVM ms", "PG ms"));
    List<BareCamundaBaseline.Result> all = new ArrayList<>();
    all.add(baseline);
    all.addAll(variants);
    for (BareCamundaBaseline.Result run : all) {
      out.append(variantRow(run.variant().label, run.tasksPerSecond(),
          String.format("%.3f", product.tasksPerSecond() / run.tasksPerSecond()), run.sql(), run.instances()));
    }
    out.append(variantRow("product", product.tasksPerSecond(), "", product.sql(), product.tasks()));
    return out.toString();
  }

  private static String variantRow(String label, double tasksPerSecond, String ratio, StatementCounter.Counts sql, long tasks) {
    return String.format("%-46s %10.1f %10s %10.1f %10.2f %10.2f%n", label, tasksPerSecond, ratio,
        perTask(sql.statements(), tasks), millisPerTask(sql.jvmCpuNanos(), tasks), millisPerTask(sql.databaseCpuNanos(), tasks));
  }

  static String table(ProductRun.Result product, BareCamundaBaseline.Result baseline) {
    double productSql = perTask(product.sql().statements(), product.tasks());
    double baselineSql = perTask(baseline.sql().statements(), baseline.instances());
    List<Long> lags = product.reminderLagsMillis();
    StringBuilder out = new StringBuilder("\nBENCHMARK (PostgreSQL; figures, not assertions)\n");
    out.append(String.format("%-36s %18s %18s %10s%n", "", "product", "bare Camunda", "ratio"));
    out.append(String.format("%-36s %18s %18s%n", "work", product.inspections() + " inspections",
        baseline.instances() + " instances"));
    out.append(String.format("%-36s %18d %18d%n", "user tasks completed", product.tasks(), baseline.instances()));
    out.append(String.format("%-36s %s (%d tasks, %.1f s, not counted)%n", "product warmed up first",
        product.warmUp().note(), product.warmUp().tasks(), product.warmUp().driveMillis() / 1000.0));
    out.append(String.format("%-36s %18.1f %18.1f%n", "wall time of the drive (s)", product.driveMillis() / 1000.0,
        baseline.wallMillis() / 1000.0));
    out.append(String.format("%-36s %18.2f %18.2f %10.3f%n", "user tasks per second", product.tasksPerSecond(),
        baseline.tasksPerSecond(), product.tasksPerSecond() / baseline.tasksPerSecond()));
    out.append(String.format("%-36s %18.1f %18.1f %10.2f%n", "SQL statements per user task", productSql, baselineSql,
        productSql / baselineSql));
    out.append(String.format("%-36s %18.2f %18.2f%n", "commits per user task", perTask(product.sql().commits(), product.tasks()),
        perTask(baseline.sql().commits(), baseline.instances())));
    out.append(String.format("%-36s %18.2f %18.2f %10.2f%n", "waiting for SQL per user task (ms)",
        millisPerTask(product.sql().sqlNanos(), product.tasks()), millisPerTask(baseline.sql().sqlNanos(), baseline.instances()),
        (double) product.sql().sqlNanos() / product.tasks() / ((double) baseline.sql().sqlNanos() / baseline.instances())));
    out.append(String.format("%-36s %18.2f %18.2f%n", "CPU per user task, this JVM (ms)",
        millisPerTask(product.sql().jvmCpuNanos(), product.tasks()), millisPerTask(baseline.sql().jvmCpuNanos(), baseline.instances())));
    out.append(String.format("%-36s %18.2f %18.2f%n", "CPU per user task, PostgreSQL (ms)",
        millisPerTask(product.sql().databaseCpuNanos(), product.tasks()),
        millisPerTask(baseline.sql().databaseCpuNanos(), baseline.instances())));
    out.append(String.format("%-36s %18.1f %18.1f%n", "start-up (s)", product.startupMillis() / 1000.0,
        baseline.startupMillis() / 1000.0));
    out.append(String.format("%-36s %18s%n", "reminders planned / due / e-mailed", product.reminders().get("planned") + " / "
        + product.reminders().get("due during the run") + " / " + lags.size()));
    out.append(String.format("%-36s %18s%n", "reminder lag p50 / p99 (s)", lags.isEmpty() ? "none due"
        : String.format("%.1f / %.1f", percentile(lags, 50) / 1000.0, percentile(lags, 99) / 1000.0)));
    product.reminderLagParts().forEach((part, sorted) -> out.append(String.format("%-36s %18s%n",
        "  of which " + part + " p50 / p99 (s)", sorted.isEmpty() ? "none" : String.format("%.1f / %.1f",
            percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0))));
    ProductRun.Memory memory = product.memory();
    out.append(String.format("%-36s %18s%n", "heap used after run / after GC (MiB)",
        mib(memory.heapUsedBytes()) + " / " + mib(memory.heapUsedAfterGcBytes())));
    out.append(String.format("%-36s %18s%n", "resident after run / peak (MiB)",
        mib(memory.residentBytes()) + " / " + mib(memory.peakResidentBytes())));
    out.append(String.format("%-36s %18s%n", "tasks the driver had to try again", String.format("%d (%.2f%%)",
        product.concurrentChangeRetries(), 100.0 * product.concurrentChangeRetries() / Math.max(1, product.tasks()))));
    out.append(String.format("%-36s %18s%n", "submissions the service tried again", String.format("%d (%.2f%%)",
        product.triedAgainByTheService(), 100.0 * product.triedAgainByTheService() / Math.max(1, product.tasks()))));
    out.append(String.format("%-36s %18s%n", "waited for due jobs after the jumps", String.format("%.1f s",
        product.jobsWaitedMillis() / 1000.0)));
    out.append(String.format("%-36s %18d%n", "deadlocks PostgreSQL detected", product.deadlocks()));
    ProductRun.BoardTimes board = product.board();
    out.append(String.format("%-36s %18s%n", "board of a done inspection p50/p90 (ms)",
        String.format("%.0f / %.0f", percentileOf(board.apiMillis(), 50), percentileOf(board.apiMillis(), 90))));
    out.append(String.format("%-36s %18s   (%d others in the database; page p50 %.0f ms)%n", "", "JSON over HTTP",
        board.otherInspections(), percentileOf(board.pageMillis(), 50)));
    out.append("stages (s):");
    product.stageMillis().forEach((stage, millis) -> out.append(String.format(" %s %.1f;", stage, millis / 1000.0)));
    out.append('\n');
    out.append(stageCosts(product.stageCosts()));
    out.append(breakdown("product: SQL statements per user task by thread / table (largest 25)", product.sql().byTable(),
        product.tasks(), 25));
    out.append(breakdown("product: SQL statements per user task by the product class that issued them (sampled 1 in "
        + StatementCounter.SAMPLE + ", largest 25)", product.sql().byOrigin(), product.tasks(), 25));
    out.append(breakdown("product: commits per user task by thread / product class (largest 15)", product.sql().commitsByOrigin(),
        product.tasks(), 15));
    out.append(breakdown("product: SQL statements per user task by thread / statement (sampled 1 in " + StatementCounter.SAMPLE
        + ", largest 40)", product.sql().bySql(), product.tasks(), 40));
    out.append(breakdown("bare Camunda: SQL statements per user task by thread / table", baseline.sql().byTable(),
        baseline.instances(), 15));
    out.append(millisBreakdown("product: ms waiting for SQL per user task by thread / table (largest 20)",
        product.sql().nanosByTable(), product.tasks(), 20));
    out.append(millisBreakdown("bare Camunda: ms waiting for SQL per user task by thread / table",
        baseline.sql().nanosByTable(), baseline.instances(), 15));
    return out.toString();
  }

  /** The same, of time: the largest {@code top} sources in milliseconds per user task. */
  static String millisBreakdown(String title, Map<String, Long> nanos, long tasks, int top) {
    return lines(title, millisPerTask(nanos, tasks), top);
  }

  private static String lines(String title, Map<String, Double> largestFirst, int top) {
    StringBuilder out = new StringBuilder(title).append('\n');
    largestFirst.entrySet().stream().limit(top)
        .forEach(e -> out.append(String.format("  %8.2f  %s%n", e.getValue(), e.getKey())));
    return out.toString();
  }

  static double perTask(long count, long tasks) {
    return tasks == 0 ? Double.NaN : (double) count / tasks;
  }

  /** The machine the run was made on. */
  static Map<String, Object> machine() throws Exception {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("nproc", Runtime.getRuntime().availableProcessors());
    machine.put("memTotalBytes", memTotal());
    machine.put("javaVersion", System.getProperty("java.version"));
    machine.put("javaVm", System.getProperty("java.vm.name"));
    machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    return machine;
  }

  /** Reminder lags (sorted wall milliseconds): how many, p50, p99 and the longest. */
  static Map<String, Object> lag(List<Long> sorted) {
    Map<String, Object> lag = new LinkedHashMap<>();
    lag.put("emailed", sorted.size());
    lag.put("p50Millis", percentile(sorted, 50));
    lag.put("p99Millis", percentile(sorted, 99));
    lag.put("maxMillis", percentile(sorted, 100));
    return lag;
  }

  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }

  static double percentileOf(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }

  static long mib(long bytes) {
    return bytes < 0 ? -1 : bytes / (1024 * 1024);
  }

  static long memTotal() throws Exception {
    Path meminfo = Path.of("/proc/meminfo");
    if (!Files.exists(meminfo)) {
      return -1;
    }
    return Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("MemTotal:"))
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1L);
  }

  /**
   * Each stage's share of the run: where the time goes by stage, and whether a stage's user tasks cost more than
   * the rest (statements, commits, CPU per user task of the stage; the pollers and jobs that ran during it included).
   */
  static String stageCosts(List<ProductRun.StageCost> stages) {
    StringBuilder out = new StringBuilder(String.format("product: by stage%n  %-44s %8s %7s %7s %7s %9s %9s %9s%n",
        "stage", "wall s", "tasks", "ms/task", "stmts", "commits", "JVM ms", "PG ms"));
    for (ProductRun.StageCost stage : stages) {
      double tasks = Math.max(1, stage.tasks());
      out.append(String.format("  %-44s %8.1f %7d %7.1f %7.1f %9.2f %9s %9s%n", stage.stage(), stage.millis() / 1000.0,
          stage.tasks(), stage.millis() / tasks, stage.statements() / tasks, stage.commits() / tasks,
          stage.jvmCpuNanos() < 0 ? "?" : String.format("%.1f", stage.jvmCpuNanos() / 1e6 / tasks),
          stage.databaseCpuNanos() < 0 ? "?" : String.format("%.1f", stage.databaseCpuNanos() / 1e6 / tasks)));
    }
    return out.toString();
  }
}
