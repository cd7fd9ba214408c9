package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI process sets Logback up with the CLI's configuration directly ({@link CliLoggingProvider}),
 * without Logback's search for one, and a configuration file of Logback's own still wins; in a JVM
 * of its own, as {@code ./drover} runs a store verb.
 */
class CliLoggingProviderTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  @TempDir
  Path dir;

  @Test
  void aStoreVerbLogsInTheCliFormatWithoutLogbacksSearch() throws Exception {
    Path classes = dir.resolve("classes.log");
    Run run = getServices(List.of("-Xlog:class+load:file=" + classes));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG org\\.apache\\.zookeeper\\.")
        .doesNotContain("SLF4J");
    assertThat(Files.readString(classes))
        .contains(CliLoggingProvider.class.getName() + " ")
        .doesNotContain("ch.qos.logback.classic.util.ContextInitializer ");
  }

  @Test
  void aLogbackConfigurationFileStillWins() throws Exception {
    Path xml = Files.writeString(dir.resolve("logback.xml"), """
        <configuration>
          <appender name="E" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>FROM-FILE %level %logger - %msg%n</pattern></encoder>
          </appender>
          <root level="DEBUG"><appender-ref ref="E"/></root>
        </configuration>
        """);
    Run run = getServices(List.of("-Dlogback.configurationFile=" + xml));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("FROM-FILE DEBUG org.apache.zookeeper.");
    assertThat(run.err()).contains("No services found.");
  }

  private record Run(int exit, String out, String err) {}

  private static Run getServices(List<String> jvmOptions) throws Exception {
    List<String> command = new ArrayList<>(List.of(ChildJvm.java()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", ChildJvm.classPathWithoutTestClasses(),
        Main.class.getName(), "get", "services"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DROVER_ZK", CLI.drover().connectString());
    builder.environment().put("DROVER_LOG_LEVEL", "debug");
    Process p = builder.start();
    // Standard error on a thread of its own: a full pipe would stop the child at debug level.
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err.get());
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
