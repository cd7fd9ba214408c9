package io.drover.cli;

/**
 * A verb of {@code drover} that lives outside the production jar and joins the command when its jar
 * is on the class path. {@link Main} finds implementations with {@link java.util.ServiceLoader}: a
 * module lists its class in {@code META-INF/services/io.drover.cli.CommandPlugin}.
 *
 * <p>The developer jar ({@code dist/target/drover-dev.jar}) brings {@code local} and {@code
 * mesos-local} (module {@code local}), {@code bench} (module {@code bench}) and {@code chaos}
 * (module {@code chaos}) this way. The production jar ({@code cli/target/drover.jar}) has none of
 * them: there those verbs print where to get them and exit 2 ({@link DeveloperVerbs}).
 *
 * <p>Implementations have a public no-argument constructor. {@link #command} is called once per run
 * of the CLI that needs every verb (help, a word that is not a built-in verb, a plugin's verb; see
 * {@link Main}), on the thread that runs it, before any argument is parsed; a run of a built-in
 * verb looks up no plugin.
 */
public interface CommandPlugin {

  /**
   * A new command object: an instance of a picocli {@code @Command} class, whose annotation names
   * the verb. It runs in {@code context}: its streams, environment, clock and working directory,
   * which tests replace. Exit codes follow {@link ExitCodes}.
   */
  Object command(CliContext context);
}
