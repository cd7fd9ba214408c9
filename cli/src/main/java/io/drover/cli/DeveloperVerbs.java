package io.drover.cli;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine;

/**
 * Adds the verbs of the {@link CommandPlugin}s on the class path to {@code drover}, and answers each
 * developer verb that none provides (as in the production jar) with where to get it.
 */
final class DeveloperVerbs {
  /** The verbs only the developer build has. */
  static final List<String> NAMES = List.of("local", "mesos-local", "bench", "chaos");

  private DeveloperVerbs() {}

  /** Adds every plugin's verb, then a hidden stand-in for each developer verb still missing. */
  static void addTo(CommandLine drover, CliContext context) {
    for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class, Main.class.getClassLoader())) {
      drover.addSubcommand(plugin.command(context));
    }
    for (String verb : NAMES) {
      if (!drover.getSubcommands().containsKey(verb)) {
        CommandLine missing = new CommandLine(new Missing(verb, context));
        missing.getCommandSpec().usageMessage().description(Missing.message(verb)); // for 'drover help VERB'
        drover.addSubcommand(verb, missing);
      }
    }
  }

  /** What a developer verb does in a jar without it: one line, exit 2. */
  @Command(hidden = true)
  static final class Missing implements Callable<Integer> {
    private final String verb;
    private final CliContext context;

    @Unmatched private List<String> arguments;

    Missing(String verb, CliContext context) {
      this.verb = verb;
      this.context = context;
    }

    static String message(String verb) {
      return "'drover " + verb + "' is part of the developer build, not of this jar: in a Drover source"
          + " checkout run 'mvn -B -q package -DskipTests', then './drover " + verb
          + "' (it runs dist/target/drover-dev.jar)";
    }

    @Override
    public Integer call() {
      context.err().println("error: " + message(verb));
      return ExitCodes.USAGE;
    }
  }
}
