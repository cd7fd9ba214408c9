package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logging is set up on the start-up thread while the main thread builds the command
 * ({@link StartupWarmup#awaitLogging}): in a JVM of its own, as {@code ./drover} runs a store verb,
 * every library line reaches standard error in the CLI's format, and none is held back and replayed
 * (SLF4J says so on standard error when a line was logged while another thread set logging up).
 */
class LoggingHeadStartTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  @Test
  void aStoreVerbLogsFromItsFirstLineWithoutAReplay() throws Exception {
    List<String> command = List.of(
        ChildJvm.java(),
        "-cp", ChildJvm.classPathWithoutTestClasses(),
        Main.class.getName(), "get", "services");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DROVER_ZK", CLI.drover().connectString());
    builder.environment().put("DROVER_LOG_LEVEL", "debug");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(err).isZero();
    assertThat(out).isEmpty();
    assertThat(err).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG org\\.apache\\.zookeeper\\.")
        .contains("No services found.")
        .doesNotContain("SLF4J");
  }
}
