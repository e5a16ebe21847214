package uk.jtai.response.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One running service: the packaged jar ({@link PackagedJar}) as a process of its own on a free port, its output in
 * {@code target/<log>}, waited for until {@code /actuator/health} answers. The integration tests and benchmarks
 * that need real processes (a restart, SIGKILL, a second node) start it this way.
 */
public record ServiceNode(String name, Process process, int port) {

  /**
   * Starts the jar with {@code jvmOptions}, the environment {@code environment} and {@code arguments}; the node names
   * itself {@code name} in the engine's job log ({@code ACT_HI_JOB_LOG.HOSTNAME_}), so that its share of the jobs
   * can be read. Fails, naming the log, if it dies or is not healthy within three minutes.
   */
  public static ServiceNode start(String name, String log, List<String> jvmOptions, Map<String, String> environment,
                                  List<String> arguments) {
    assertThat(PackagedJar.path()).exists();
    int port = freePort();
    List<String> all = new ArrayList<>(List.of("--server.port=" + port,
        "--camunda.bpm.generic-properties.properties.hostname=" + name));
    all.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(PackagedJar.command(jvmOptions, all.toArray(String[]::new)))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/" + log)));
    builder.environment().putAll(environment);
    ServiceNode node;
    try {
      node = new ServiceNode(name, builder.start(), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
          assertThat(node.process().isAlive()).as("service " + name + " is running (see target/" + log + ")").isTrue();
          return Http.anonymous(port).get("/actuator/health").statusCode() == 200;
        });
    return node;
  }

  public Http as(String user, String password) {
    return Http.as(port, user, password);
  }

  /** Stops it as an orderly shutdown would (SIGTERM), forcibly after 30 seconds. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** A line of /proc/<pid>/status of the node's JVM ("VmRSS": resident now, "VmHWM": its peak), e.g. "412 MiB". */
  public String memory(String field) throws IOException {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    if (!Files.exists(status)) {
      return "unknown";
    }
    return Files.readAllLines(status).stream().filter(line -> line.startsWith(field + ":"))
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB").findFirst().orElse("unknown");
  }

  /** Whether a "who" of the database (the node's name, or its process as "pid@host") is this node. */
  public boolean is(String who) {
    return who != null && (who.equals(name) || who.startsWith(process.pid() + "@"));
  }

  /**
   * What a query counts per "who" (first column: a node's name in the job log, or a process "pid@host"; second: the
   * count), each who that is one of {@code nodes} under that node's name.
   */
  public static Map<String, Long> countsByNode(PostgresDatabase database, String query, List<ServiceNode> nodes) {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection sql = DriverManager.getConnection(database.url(), database.user(), database.password());
         ResultSet rows = sql.createStatement().executeQuery(query)) {
      while (rows.next()) {
        String who = rows.getString(1);
        String node = nodes.stream().filter(n -> n.is(who)).map(ServiceNode::name).findFirst().orElse(String.valueOf(who));
        counts.merge(node, rows.getLong(2), Long::sum);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  /** Each node's share of the counts, as "nodes-1 52% (430), nodes-2 48% (402)"; printed, never asserted. */
  public static String shares(Map<String, Long> counts) {
    long all = counts.values().stream().mapToLong(Long::longValue).sum();
    if (all == 0) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((who, count) -> parts.add(String.format("%s %d%% (%d)", who, Math.round(100.0 * count / all), count)));
    return String.join(", ", parts);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
