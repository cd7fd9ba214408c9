package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code drover} command run as its own JVM, as the launcher runs it: standard output kept
 * line by line for the test to wait on, standard error in a file for diagnosis. Stopped with
 * SIGTERM ({@link #stop}) or SIGKILL ({@link #kill}); always killed on {@link #close}.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final Path errFile;

  private ChildProcess(Process process, Path errFile) {
    this.process = process;
    this.errFile = errFile;
    Thread reader = new Thread(this::readOut, "child-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code drover <args>}; its standard error goes to {@code errFile}. */
  public static ChildProcess drover(Path errFile, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.drover.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
    return new ChildProcess(p, errFile);
  }

  private void readOut() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a line of standard output matching {@code regex}; returns its first group. */
  public String awaitLine(String regex, Duration timeout) {
    Pattern p = Pattern.compile(regex);
    return await().atMost(timeout).until(() -> find(p), Optional::isPresent).orElseThrow();
  }

  private Optional<String> find(Pattern p) {
    assertThat(process.isAlive() || !out.isEmpty()).as("the process died: see " + errFile).isTrue();
    for (String line : out) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return Optional.of(m.groupCount() > 0 ? m.group(1) : line);
      }
    }
    return Optional.empty();
  }

  public List<String> output() {
    return List.copyOf(out);
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Waits until the process ends by itself; returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("ended within " + timeout + "; see " + errFile).isTrue();
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGTERM: the shutdown hook stops gracefully; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s; see " + errFile).isTrue();
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
