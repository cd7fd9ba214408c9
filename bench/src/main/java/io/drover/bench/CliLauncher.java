package io.drover.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code drover} as a separate process, the way a user does, and measures each run: its wall
 * time from spawn to exit and the CPU time it used (all its threads, compiler and collector
 * included).
 *
 * <p>{@link #current()} runs it the way {@code ./drover} does: through the launcher itself when this
 * JVM runs from {@code dist/target/drover-dev.jar} of a checkout (so its archive and JVM flags are
 * the ones measured); otherwise (the tests, which run from class directories) {@code java} with the
 * launcher's flags for short commands on this JVM's class path, without an archive. {@link
 * #baseline} runs an older build through its own launcher, or {@code java -jar JAR} with no flag
 * ({@link #plainJar}, as the launcher did before it had any).
 *
 * @param description how the CLI is started, for the report
 * @param command the command line up to the verb
 */
record CliLauncher(String description, List<String> command) {

  /** The flags {@code ./drover} gives short commands (see the launcher script). */
  static final List<String> SHORT_COMMAND_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC",
          "-XX:-UsePerfData");

  private static final long RUN_TIMEOUT_SECONDS = 120;
  private static final double CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux ABI

  /** One run: how it ended, what it printed, and what it cost ({@code cpuNanos} -1: unknown). */
  record Run(int exit, String out, long wallNanos, long cpuNanos) {}

  /** {@code ./drover} of the checkout this JVM's jar belongs to, or the class-path fallback. */
  static CliLauncher current() {
    Optional<CliLauncher> launcher = ownJar().flatMap(CliLauncher::launcherOf);
    if (launcher.isPresent()) {
      return launcher.get();
    }
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(SHORT_COMMAND_FLAGS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.drover.cli.Main"));
    return new CliLauncher("java " + String.join(" ", SHORT_COMMAND_FLAGS)
        + " -cp (this JVM's class path) io.drover.cli.Main, no archive", command);
  }

  /** {@code java -jar jar}, no flag and no archive. */
  static CliLauncher plainJar(Path jar) {
    return new CliLauncher("java -jar " + jar, List.of(java(), "-jar", jar.toString()));
  }

  /**
   * An older build to compare with: through its checkout's launcher when {@code jar} is the {@code
   * dist/target/drover-dev.jar} of a checkout that has one (so its own archive and flags are
   * measured), else {@link #plainJar}.
   */
  static CliLauncher baseline(Path jar) {
    return launcherOf(jar).orElseGet(() -> plainJar(jar));
  }

  /** The launcher of the checkout whose {@code dist/target/drover-dev.jar} is {@code jar}. */
  private static Optional<CliLauncher> launcherOf(Path jar) {
    Path absolute = jar.toAbsolutePath().normalize();
    if (!absolute.endsWith(Path.of("dist", "target", "drover-dev.jar"))) {
      return Optional.empty();
    }
    Path launcher = absolute.getParent().getParent().getParent().resolve("drover");
    return Files.isExecutable(launcher)
        ? Optional.of(new CliLauncher("./drover (" + absolute + ")", List.of(launcher.toString())))
        : Optional.empty();
  }

  /** {@code java -version}, the floor every run is compared with. */
  static CliLauncher javaVersion() {
    return new CliLauncher("java -version", List.of(java(), "-version"));
  }

  /** Runs the command with {@code args} and {@code env} added to this process's environment. */
  Run run(List<String> args, Map<String, String> env, Path workDir) throws Exception {
    List<String> line = new ArrayList<>(command);
    line.addAll(args);
    Path out = Files.createTempFile(workDir, "cli-", ".out");
    ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().remove("DROVER_JAVA_OPTS");
    builder.environment().remove("DROVER_LOG_LEVEL");
    builder.environment().putAll(env);
    long cpuBefore = childrenCpuTicks();
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(String.join(" ", line) + " did not end within "
          + RUN_TIMEOUT_SECONDS + " s");
    }
    long wall = System.nanoTime() - start;
    long cpuAfter = childrenCpuTicks();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    long cpu = cpuBefore < 0 || cpuAfter < 0 ? -1
        : Math.round((cpuAfter - cpuBefore) / CLOCK_TICKS_PER_SECOND * 1e9);
    return new Run(process.exitValue(), printed, wall, cpu);
  }

  /**
   * The CPU time of this process's children that have ended and been waited for ({@code cutime +
   * cstime} of {@code /proc/self/stat}), in clock ticks; a run's cost is the difference across it.
   * -1 where there is no {@code /proc}.
   */
  private static long childrenCpuTicks() throws IOException {
    Path stat = Path.of("/proc/self/stat");
    if (!Files.isReadable(stat)) {
      return -1;
    }
    String s = Files.readString(stat);
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  private static Optional<Path> ownJar() {
    try {
      Path location = Path.of(CliLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
