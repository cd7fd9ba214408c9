package io.drover.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a command takes from its surroundings, so that tests run the CLI in-process with their
 * own streams, environment and clock.
 *
 * @param out standard output (results)
 * @param err standard error (errors, progress)
 * @param in standard input ({@code -f -})
 * @param env environment variables ({@code DROVER_ZK}, ...)
 * @param interactive whether output goes to a terminal (progress is shown only then)
 * @param clock the wall clock, for ages and deadlines
 * @param workingDir the directory relative paths are resolved against
 */
public record CliContext(
    PrintWriter out,
    PrintWriter err,
    InputStream in,
    Map<String, String> env,
    boolean interactive,
    Clock clock,
    Path workingDir) {

  /** The real process: System streams, environment, clock and working directory. */
  public static CliContext system() {
    return new CliContext(
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.in,
        System.getenv(),
        System.console() != null,
        Clock.systemUTC(),
        Path.of("").toAbsolutePath());
  }

  /**
   * This context with the store verbs pointed at {@code connectString} and {@code root} ({@code
   * DROVER_ZK}, {@code DROVER_ROOT}); the other variables stay. For running verbs in-process
   * against a ZooKeeper of one's own, as {@code drover local} and {@code drover bench} do.
   */
  public CliContext withZooKeeper(String connectString, String root) {
    Map<String, String> vars = new HashMap<>(env);
    vars.put(ZkOptions.ENV_ZK, connectString);
    vars.put(ZkOptions.ENV_ROOT, root);
    return new CliContext(out, err, in, Map.copyOf(vars), interactive, clock, workingDir);
  }

  /** A path given on the command line, resolved against {@link #workingDir()}. */
  public Path resolve(String path) {
    return workingDir.resolve(path).normalize();
  }
}
