package uk.jtai.response.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command that starts the packaged service ({@code target/jtai-response.jar}) in a JVM of its own, as the
 * integration tests that need a real process (a restart, a second node) start it. The JVM gets the tests' own
 * options (pom.xml's {@code test.jvm.options}: the client compiler only and the serial collector): a test's jar
 * runs for a minute or two, where the optimising compiler's threads cost more CPU than they give back, and on
 * a two-core machine that CPU is taken from the browser tests running beside it.
 */
public final class PackagedJar {

  private PackagedJar() {}

  public static Path path() {
    return Path.of(System.getProperty("jtai.jar", "target/jtai-response.jar"));
  }

  /** {@code java [test JVM options] [jvmOptions] -jar <jar> [arguments]}. */
  public static List<String> command(List<String> jvmOptions, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String testOptions = System.getProperty("jtai.jar.jvm-options", "");
    Arrays.stream(testOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).forEach(command::add);
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(path().toString());
    command.addAll(List.of(arguments));
    return command;
  }
}
