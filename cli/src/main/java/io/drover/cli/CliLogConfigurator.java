package io.drover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The CLI's default logging, set up in code: Logback finds this class through {@code
 * META-INF/services} before it would look for a {@code logback.xml}, and parsing XML (Joran) was a
 * quarter of a second of every command's start-up. The CLI's own output is on standard output;
 * library logs go to standard error, quiet unless {@code DROVER_LOG_LEVEL} says otherwise: root at
 * WARN, ZooKeeper and Curator off (they log every failed connection attempt; the CLI reports the
 * failure itself). The server verbs replace this with {@link ProcessLogging}.
 *
 * <p>A {@code logback-test.xml} on the class path or {@code -Dlogback.configurationFile} still
 * wins: this configurator then steps aside for Logback's own. A CLI process applies it directly,
 * without Logback's search ({@link CliLoggingProvider}).
 */
public final class CliLogConfigurator extends ContextAwareBase implements Configurator {

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (overridden(getClass().getClassLoader())) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configure(context, System.getenv());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Whether a configuration file of Logback's own takes the place of this one. */
  static boolean overridden(ClassLoader loader) {
    return System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null;
  }

  /** Levels from {@code env} ({@code DROVER_LOG_LEVEL}), one appender on standard error. */
  static void configure(LoggerContext context, Map<String, String> env) {
    String override = env.get("DROVER_LOG_LEVEL");
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(override, Level.WARN));
    context.getLogger("org.apache.zookeeper").setLevel(Level.toLevel(override, Level.OFF));
    context.getLogger("org.apache.curator").setLevel(Level.toLevel(override, Level.OFF));
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    root.detachAndStopAllAppenders();
    root.addAppender(stderr);
  }
}
