package io.drover.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Util;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI process's SLF4J binding: Logback, as Logback's own provider sets it up, except that the
 * CLI's default configuration ({@link CliLogConfigurator}) is applied directly instead of through
 * Logback's search for a configuration ({@link ContextInitializer}). That search, which ends at
 * the same configurator, cost a store verb about 45 ms of start-up (docs/performance.md,
 * cli-latency, seventh round): its class loader check has the JDK parse its security policy, it
 * scans the jar for configurators, and its status messages' string concatenations spin
 * method-handle classes. A {@code logback-test.xml} or {@code -Dlogback.configurationFile} still
 * gets Logback's search, which finds it as before.
 *
 * <p>Only {@link Main#main} (and the archive's training) chooses it, through SLF4J's {@code
 * slf4j.provider} property ({@link #select}); anything else, tests included, gets Logback's own
 * provider, which applies the same configuration.
 */
public final class CliLoggingProvider implements SLF4JServiceProvider {

  private LoggerContext context;
  private IMarkerFactory markers;
  private LogbackMDCAdapter mdc;

  /**
   * Makes this the SLF4J binding of the process, unless {@code slf4j.provider} names another.
   * SLF4J announces an explicitly named provider at its internal INFO level, on standard error;
   * its internal messages are kept to warnings, as without the property (unless set otherwise).
   */
  static void select() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", CliLoggingProvider.class.getName());
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
  }

  @Override
  public void initialize() {
    context = new LoggerContext();
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    if (CliLogConfigurator.overridden(getClass().getClassLoader())) {
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        Util.report("Failed to auto configure default logger context", e);
      }
      if (!StatusUtil.contextHasStatusListener(context)) {
        StatusPrinter.printInCaseOfErrorsOrWarnings(context);
      }
    } else {
      CliLogConfigurator.configure(context, System.getenv());
    }
    context.start();
    markers = new BasicMarkerFactory();
    mdc = new LogbackMDCAdapter();
    context.setMDCAdapter(mdc);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return LogbackServiceProvider.REQUESTED_API_VERSION;
  }
}
