package io.drover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code drover} command. Each verb is its own class; this one only wires them together.
 *
 * <p>Exit codes, for every verb: 0 success, 1 a negative answer (invalid document, difference found,
 * timeout), 2 a usage error, 3 or more an operational error (ZooKeeper or Mesos unreachable, a
 * concurrent modification).
 */
@Command(
    name = "drover",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Declarative services on Apache Mesos, with desired state in ZooKeeper.",
    subcommands = {CommandLine.HelpCommand.class, MesosLocalCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI in-process and returns its exit code; tests call this. */
  public static int run(String... args) {
    return new CommandLine(new Main()).setUsageHelpAutoWidth(true).execute(args);
  }
}
