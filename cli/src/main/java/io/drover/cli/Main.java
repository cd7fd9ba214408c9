package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code drover} command. Each verb is its own class, listed in {@link #VERBS}; this one only
 * wires them together. Verbs of the developer build come from {@link CommandPlugin}s on the class
 * path.
 *
 * <p>A run builds only what it needs: when the first argument names a verb of {@link #VERBS}, only
 * that verb's command is created (picocli reflects over every command it is given, which loads the
 * classes of every option and field: {@code drover validate} need not load the controller's or
 * ZooKeeper's). Anything else (no verb, {@code help}, {@code --help}, an unknown word, a plugin's
 * verb) gets {@code help}, every verb and every plugin, so help, suggestions and plugins behave as
 * before.
 *
 * <p>Exit codes, for every verb: 0 success, 1 a negative answer (invalid document, difference found,
 * timeout), 2 a usage error, 3 or more an operational error (ZooKeeper or Mesos unreachable, a
 * concurrent modification).
 */
@Command(
    name = "drover",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Declarative services on Apache Mesos, with desired state in ZooKeeper.")
public final class Main {

  /**
   * The verbs, by the name they are called with, in the order the help lists them. A new verb is a
   * {@code @Command} class with the same {@code name} and one line here.
   */
  static final Map<String, Class<?>> VERBS = verbs();

  private static Map<String, Class<?>> verbs() {
    Map<String, Class<?>> verbs = new LinkedHashMap<>();
    verbs.put("validate", ValidateCommand.class);
    verbs.put("apply", ApplyCommand.class);
    verbs.put("get", GetCommand.class);
    verbs.put("describe", DescribeCommand.class);
    verbs.put("delete", DeleteCommand.class);
    verbs.put("diff", DiffCommand.class);
    verbs.put("wait", WaitCommand.class);
    verbs.put("sync", SyncCommand.class);
    verbs.put("logs", LogsCommand.class);
    verbs.put("secret", SecretCommand.class);
    verbs.put("restart", RestartCommand.class);
    verbs.put("replace", ReplaceCommand.class);
    verbs.put("pause", PauseCommand.class);
    verbs.put("resume", ResumeCommand.class);
    verbs.put("version", VersionCommand.class);
    verbs.put("completion", CompletionCommand.class);
    verbs.put("controller", ControllerCommand.class);
    verbs.put("zk", ZkCommand.class);
    return Collections.unmodifiableMap(verbs);
  }

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
    CliLoggingProvider.select();
    StartupWarmup.startFor(args);
    System.exit(run(args));
  }

  /** Runs the parsed command once logging is set up ({@link StartupWarmup#awaitLogging}). */
  private static final class AfterLogging implements CommandLine.IExecutionStrategy {
    @Override
    public int execute(CommandLine.ParseResult parsed) {
      StartupWarmup.awaitLogging();
      return new CommandLine.RunLast().execute(parsed);
    }
  }

  /**
   * How a usage error and a failed command are reported. A class rather than two lambdas: the
   * class-data-sharing dump links the interface a lambda implements, and picocli's handler
   * interfaces, Java 5 classes, are then left out of the archive, and {@code CommandLine} with them.
   */
  private record Failures(CliContext context)
      implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      return usageError(context, e);
    }

    @Override
    public int handleExecutionException(
        Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      return report(context, e);
    }
  }

  /** Runs the CLI in-process on the real streams and environment, and returns its exit code. */
  public static int run(String... args) {
    return run(CliContext.system(), args);
  }

  /** Runs the CLI in-process in the given context and returns its exit code; tests call this. */
  public static int run(CliContext context, String... args) {
    CommandLine cli = new CommandLine(new Main(context));
    // Before the settings below: picocli applies them only to the verbs already added.
    addVerbs(cli, context, args);
    cli.setUsageHelpAutoWidth(true)
        .setOut(context.out())
        .setErr(context.err())
        .setParameterExceptionHandler(new Failures(context))
        .setExecutionExceptionHandler(new Failures(context))
        .setExecutionStrategy(new AfterLogging());
    try {
      return cli.execute(args);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /**
   * Adds the one verb {@code args} names, or {@code help}, every verb and every plugin when it names
   * none of them (or completion). A run of one verb has no use for {@code help}, whose command
   * picocli would build too.
   */
  static void addVerbs(CommandLine cli, CliContext context, String... args) {
    Class<?> only = args.length == 0 ? null : VERBS.get(args[0]);
    // The completion script covers every verb, so that verb needs them all.
    if (only != null && only != CompletionCommand.class) {
      cli.addSubcommand(args[0], only);
      return;
    }
    cli.addSubcommand(new CommandLine.HelpCommand());
    VERBS.forEach(cli::addSubcommand);
    DeveloperVerbs.addTo(cli, context);
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
