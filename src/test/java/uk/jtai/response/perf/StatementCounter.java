package uk.jtai.response.perf;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements and commits that go through a DataSource, from every thread (the engine,
 * its job executor, the product's pollers): a statement of a JDBC batch counts once per row of the batch.
 *
 * <p>Where the cost goes (issue 19): each statement is also counted by source, "thread / table" (the driver's
 * completions, the job executor, the pollers' scheduler thread, HTTP; the table family it touches: history,
 * runtime, jobs, the product's reminders and outbox...), and, for one statement in {@value #SAMPLE} and every
 * commit, by the product class nearest the top of the stack that issued it (the task listener, form check or
 * poller; "engine" when no product class is on the stack): the sampled counts are scaled back up.
 */
final class StatementCounter {

  static final int SAMPLE = 32;
  private static final Pattern TABLE = Pattern.compile("(?:insert\\s+into|update|delete\\s+from|from)\\s+([a-z_][a-z0-9_]*)",
      Pattern.CASE_INSENSITIVE);

  private final LongAdder statements = new LongAdder();
  private final LongAdder commits = new LongAdder();
  /** Time the issuing threads waited for their statements (the database's work, the round trip and the driver's). */
  private final LongAdder sqlNanos = new LongAdder();
  private final Map<String, LongAdder> nanosByTable = new ConcurrentHashMap<>();
  private static final ThreadLocal<long[]> STARTED = ThreadLocal.withInitial(() -> new long[1]);
  private final Map<String, LongAdder> byTable = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byOrigin = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> commitsByOrigin = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();
  private final AtomicLong sampled = new AtomicLong();
  /**
   * Each statement text's table family, found once: the regular expression per statement was 5% of a run's CPU, and
   * the counting's own cost lands on the product's side of the comparison, which issues twice the statements.
   */
  private final Map<String, String> families = new ConcurrentHashMap<>();
  /** Each thread's kind, found once per thread rather than per statement. */
  private static final ThreadLocal<String> THREAD_KIND = ThreadLocal.withInitial(StatementCounter::threadKind);
  /** Whether statements and commits are also counted by source (a regular expression and stack walks: CPU of its own). */
  private final boolean bySource;

  /** Counts everything, by source too. */
  StatementCounter() {
    this(true);
  }

  private StatementCounter(boolean bySource) {
    this.bySource = bySource;
  }

  /** Counts statements and commits only: for a run whose figure is a lag, where the counting's own CPU would add to it. */
  static StatementCounter totalsOnly() {
    return new StatementCounter(false);
  }

  /**
   * A snapshot of the counts, with the breakdowns by source; the time waited for statements (in all and by thread and
   * table, nanoseconds), and the CPU used by this JVM and by the PostgreSQL server ({@link ProcessCpu}; -1 unknown).
   */
  record Counts(long statements, long commits, Map<String, Long> byTable, Map<String, Long> byOrigin,
                Map<String, Long> commitsByOrigin, Map<String, Long> bySql, long sqlNanos,
                Map<String, Long> nanosByTable, long jvmCpuNanos, long databaseCpuNanos) {

    Counts(long statements, long commits) {
      this(statements, commits, Map.of(), Map.of(), Map.of(), Map.of(), 0, Map.of(), -1, -1);
    }

    Counts minus(Counts earlier) {
      return new Counts(statements - earlier.statements, commits - earlier.commits, minus(byTable, earlier.byTable),
          minus(byOrigin, earlier.byOrigin), minus(commitsByOrigin, earlier.commitsByOrigin),
          minus(bySql, earlier.bySql), sqlNanos - earlier.sqlNanos, minus(nanosByTable, earlier.nanosByTable),
          minusKnown(jvmCpuNanos, earlier.jvmCpuNanos), minusKnown(databaseCpuNanos, earlier.databaseCpuNanos));
    }

    private static long minusKnown(long now, long earlier) {
      return now < 0 || earlier < 0 ? -1 : now - earlier;
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> earlier) {
      Map<String, Long> difference = new TreeMap<>();
      now.forEach((source, count) -> {
        long delta = count - earlier.getOrDefault(source, 0L);
        if (delta != 0) {
          difference.put(source, delta);
        }
      });
      return difference;
    }
  }

  DataSource wrap(DataSource dataSource) {
    return ProxyDataSourceBuilder.create("counted", dataSource)
        .beforeQuery((execution, queries) -> STARTED.get()[0] = System.nanoTime())
        .afterQuery((execution, queries) -> {
          long took = System.nanoTime() - STARTED.get()[0];
          int count = execution.isBatch() ? execution.getBatchSize() : queries.size();
          statements.add(count);
          sqlNanos.add(took);
          if (!bySource) {
            return;
          }
          String thread = thread();
          String sql = queries.isEmpty() ? "" : queries.get(0).getQuery();
          String family = thread + " / " + families.computeIfAbsent(sql, StatementCounter::family);
          byTable.computeIfAbsent(family, k -> new LongAdder()).add(count);
          nanosByTable.computeIfAbsent(family, k -> new LongAdder()).add(took);
          if (sampled.incrementAndGet() % SAMPLE == 0) {
            byOrigin.computeIfAbsent(thread + " / " + origin(), k -> new LongAdder()).add((long) count * SAMPLE);
            // What each thread runs, statement by statement (the first 90 characters), sampled alike.
            String statement = sql.replaceAll("\\s+", " ").strip();
            bySql.computeIfAbsent(thread + " / " + statement.substring(0, Math.min(90, statement.length())),
                k -> new LongAdder()).add((long) count * SAMPLE);
          }
        })
        .afterMethod(method -> {
          if (method.getMethod().getName().equals("commit")) {
            commits.increment();
            if (bySource) {
              commitsByOrigin.computeIfAbsent(thread() + " / " + origin(), k -> new LongAdder()).increment();
            }
          }
        })
        .build();
  }

  /** Wraps the application's DataSource bean as it is created, before the engine or Flyway use it. */
  BeanPostProcessor wrapper() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)
            ? wrap(dataSource) : bean;
      }
    };
  }

  Counts now() {
    return new Counts(statements.sum(), commits.sum(), snapshot(byTable), snapshot(byOrigin), snapshot(commitsByOrigin),
        snapshot(bySql), sqlNanos.sum(), snapshot(nanosByTable), ProcessCpu.jvmNanos(), ProcessCpu.postgresNanos());
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((source, count) -> snapshot.put(source, count.sum()));
    return snapshot;
  }

  /** Who runs the statement: the benchmark's driver, the job executor, the pollers' scheduler, an HTTP request. */
  static String thread() {
    return THREAD_KIND.get();
  }

  private static String threadKind() {
    String name = Thread.currentThread().getName();
    if (name.startsWith("pool-")) {
      return "driver";
    }
    if (name.toLowerCase(Locale.ROOT).contains("camunda") || name.contains("JobExecutor")) {
      return "job executor";
    }
    if (name.startsWith("scheduling") || name.startsWith("outbox-sender") || name.startsWith("reminder-sender")) {
      return "pollers";
    }
    if (name.startsWith("http")) {
      return "http";
    }
    return "other";
  }

  /** The family of the first table a statement names: history, runtime, jobs, identity... or the product's table. */
  static String family(String sql) {
    Matcher matcher = TABLE.matcher(sql);
    if (!matcher.find()) {
      return "other";
    }
    String table = matcher.group(1).toLowerCase(Locale.ROOT);
    if (table.startsWith("act_hi_")) {
      return "history (" + table + ")";
    }
    if (table.equals("act_ru_job") || table.equals("act_ru_jobdef")) {
      return "jobs";
    }
    if (table.equals("act_ru_authorization") || table.startsWith("act_id_")) {
      return "identity and authorization";
    }
    if (table.startsWith("act_ru_")) {
      return "runtime (" + table + ")";
    }
    if (table.startsWith("act_")) {
      return "engine (" + table + ")";
    }
    return "product (" + table + ")";
  }

  /**
   * The product classes every call passes through (the doors to the engine, the command interceptor, the variable
   * helper): not an origin, the class below them is.
   */
  private static final java.util.Set<String> PASS_THROUGH = java.util.Set.of("uk.jtai.response.tasks.GuardedTaskService",
      "uk.jtai.response.tasks.GuardedFormService", "uk.jtai.response.tasks.GuardedRuntimeService",
      "uk.jtai.response.tasks.SubmissionErrorsUnwrapped", "uk.jtai.response.tasks.Submissions", "uk.jtai.response.process.Var");

  /** The benchmark's own code and the test code it drives with (the inspection script): not the product's. */
  private static final Pattern TEST_CODE = Pattern.compile("uk\\.jtai\\.response\\.(perf|script|support)\\.");

  /** The product class nearest the top of the stack (not the benchmark's own, not a door), or "engine". */
  static String origin() {
    return StackWalker.getInstance().walk(frames -> frames
        .map(StackWalker.StackFrame::getClassName)
        .map(name -> name.replaceAll("\\$.*", ""))
        .filter(name -> name.startsWith("uk.jtai.response.") && !TEST_CODE.matcher(name).lookingAt()
            && !name.startsWith("uk.jtai.response.store.") && !PASS_THROUGH.contains(name))
        .findFirst()
        .map(name -> name.substring("uk.jtai.response.".length()))
        .orElse("engine"));
  }
}
