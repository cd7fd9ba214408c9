package io.drover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The logging of the verbs that run servers ({@code drover controller}, {@code drover local}): they
 * log their own work at INFO, while the other verbs stay quiet.
 */
public final class ProcessLogging {

  private static final String PATTERN =
      "%d{HH:mm:ss.SSS} %-5level [%X{service}] %logger{30} - %msg%n";
  /** The terminal's lines while a log file takes the details: one line each, no stack trace. */
  private static final String CONCISE =
      "%d{HH:mm:ss} %-5level [%X{service}] %logger{0} - %msg%nopex%n";

  private ProcessLogging() {}

  /**
   * Logs at INFO, with the service a line is about in brackets, to standard error, or to {@code
   * logFile} when given (then only warnings reach the terminal, one line each, their stack traces
   * in the file only). {@code DROVER_LOG_LEVEL} in {@code
   * env} overrides the level. Does nothing unless logging is Logback (it is in the drover jars).
   */
  public static void configure(Map<String, String> env, Path logFile) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    String override = env.get("DROVER_LOG_LEVEL");
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(override, Level.INFO));
    ctx.getLogger("org.apache.zookeeper").setLevel(Level.toLevel(override, Level.ERROR));
    ctx.getLogger("org.apache.curator").setLevel(Level.toLevel(override, Level.ERROR));
    root.detachAndStopAllAppenders();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setTarget("System.err");
    root.addAppender(logFile == null ? started(ctx, stderr, PATTERN, null)
        : started(ctx, stderr, CONCISE, Level.WARN));
    if (logFile != null) {
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setFile(logFile.toString());
      file.setAppend(true);
      root.addAppender(started(ctx, file, PATTERN, null));
    }
  }

  private static OutputStreamAppender<ILoggingEvent> started(
      LoggerContext ctx, OutputStreamAppender<ILoggingEvent> appender, String pattern,
      Level threshold) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern(pattern);
    encoder.start();
    appender.setContext(ctx);
    appender.setEncoder(encoder);
    if (threshold != null) {
      ThresholdFilter filter = new ThresholdFilter();
      filter.setLevel(threshold.toString());
      filter.start();
      appender.addFilter(filter);
    }
    appender.start();
    return appender;
  }
}
