package uk.jtai.response.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far, in nanoseconds, by this JVM and by the PostgreSQL server on this machine (every process named
 * {@code postgres}: the backends serving the connections, and the WAL writer and checkpointer that their commits
 * keep busy), for a run's CPU per user task on each side of the JDBC connection (issue 19: where the cost goes).
 * -1 where it cannot be read (no {@code /proc}: the database time is then unknown, not zero). A backend that ends
 * during a run takes its CPU with it; the runs' connection pools keep theirs open.
 */
final class ProcessCpu {

  /** Linux reports process times in clock ticks of 1/100 s (USER_HZ, the same on every architecture it runs on here). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {
  }

  static long jvmNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  static long postgresNanos() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return -1;
    }
    try (Stream<Path> processes = Files.list(proc)) {
      return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .mapToLong(ProcessCpu::postgresTicks).sum() * NANOS_PER_TICK;
    } catch (IOException e) {
      return -1;
    }
  }

  /** User and system ticks of one process if it is PostgreSQL's, else 0 (also when it ended while being read). */
  static long postgresTicks(Path process) {
    try {
      return ticksIfPostgres(Files.readString(process.resolve("stat")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** From a {@code /proc/<pid>/stat} line: "pid (comm) state ...", utime and stime the 14th and 15th fields. */
  static long ticksIfPostgres(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
      return 0;
    }
    String[] fields = stat.substring(close + 2).trim().split("\\s+");
    // fields[0] is the 3rd field (state): utime is the 14th, stime the 15th.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
