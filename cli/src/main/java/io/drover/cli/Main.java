package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code drover} command. Each verb is its own class; this one only wires them together. Verbs
 * of the developer build come from {@link CommandPlugin}s on the class path.
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
    subcommands = {
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      ApplyCommand.class,
      GetCommand.class,
      DescribeCommand.class,
      DeleteCommand.class,
      DiffCommand.class,
      WaitCommand.class,
      SyncCommand.class,
      ControllerCommand.class,
      ZkCommand.class,
      SecretCommand.class,
    })
public final class Main {

  private final CliContext context;

  /** The command on the real streams and environment. */
  public Main() {
    this(CliContext.system());
  }

  /** The command in the given context; tests use their own streams, environment and clock. */
  public Main(CliContext context) {
    this.context = context;
  }

  /** The context the verbs run in. */
  CliContext context() {
    return context;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI in-process on the real streams and environment, and returns its exit code. */
  public static int run(String... args) {
    return run(CliContext.system(), args);
  }

  /** Runs the CLI in-process in the given context and returns its exit code; tests call this. */
  public static int run(CliContext context, String... args) {
    CommandLine cli = new CommandLine(new Main(context));
    // Before the settings below: picocli applies them only to the verbs already added.
    DeveloperVerbs.addTo(cli, context);
    cli.setUsageHelpAutoWidth(true)
        .setOut(context.out())
        .setErr(context.err())
        .setParameterExceptionHandler((e, arguments) -> usageError(context, e))
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> report(context, e));
    try {
      return cli.execute(args);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /** A usage error names what is wrong and where the help is, without the whole help text. */
  private static int usageError(CliContext context, CommandLine.ParameterException e) {
    context.err().println("error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, context.err());
    context.err().println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName()
        + " --help' for usage.");
    return ExitCodes.USAGE;
  }

  /** Operational failures get their message; anything else is a bug and gets its stack trace. */
  private static int report(CliContext context, Exception e) {
    if (e instanceof StoreException || e instanceof IOException) {
      context.err().println("error: " + e.getMessage());
    } else {
      context.err().println("error: unexpected failure, please report it:");
      e.printStackTrace(context.err());
    }
    return ExitCodes.OPERATIONAL;
  }
}
