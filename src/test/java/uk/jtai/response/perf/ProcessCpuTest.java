package uk.jtai.response.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's reading of a process's CPU: PostgreSQL's processes only, user and system ticks. */
class ProcessCpuTest {

  @Test
  void readsUserAndSystemTicksOfPostgresProcessesOnly() {
    String backend = "4242 (postgres) S 2251 2251 2251 0 -1 4194560 1200 0 0 0 731 112 0 0 20 0 1 0 5000 230000000 "
        + "3000 18446744073709551615 1 1 0 0 0 0 4194304 19935232 536890375 0 0 0 17 1 0 0 0 0 0";
    assertThat(ProcessCpu.ticksIfPostgres(backend)).isEqualTo(731 + 112);
    assertThat(ProcessCpu.ticksIfPostgres(backend.replace("(postgres)", "(java)"))).isZero();
    // A name with spaces and parentheses of its own is read to its last parenthesis.
    assertThat(ProcessCpu.ticksIfPostgres(backend.replace("(postgres)", "(a (b) c)"))).isZero();
  }

  @Test
  void thisJvmsCpuGrowsAndTheDatabasesIsKnownOnLinux() {
    long before = ProcessCpu.jvmNanos();
    long spin = 0;
    for (int i = 0; i < 20_000_000; i++) {
      spin += i % 7;
    }
    assertThat(spin).isPositive();
    assertThat(ProcessCpu.jvmNanos()).isGreaterThan(before);
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc"))) {
      assertThat(ProcessCpu.postgresNanos()).isNotNegative();
    } else {
      assertThat(ProcessCpu.postgresNanos()).as("unknown without /proc, not zero").isEqualTo(-1);
    }
  }
}
