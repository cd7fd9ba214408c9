package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliLogConfiguratorTest {

  @Test
  void warningsToStandardErrorAndZooKeeperQuiet() {
    LoggerContext context = new LoggerContext();
    CliLogConfigurator.configure(context, Map.of());

    assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.apache.zookeeper").getLevel()).isEqualTo(Level.OFF);
    assertThat(context.getLogger("org.apache.curator").getLevel()).isEqualTo(Level.OFF);
    assertThat(context.getLogger("io.drover.cli.Main").getEffectiveLevel()).isEqualTo(Level.WARN);
    ConsoleAppender<?> appender = (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("STDERR");
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(appender.isStarted()).isTrue();
  }

  @Test
  void droverLogLevelSetsEveryLevel() {
    LoggerContext context = new LoggerContext();
    CliLogConfigurator.configure(context, Map.of("DROVER_LOG_LEVEL", "DEBUG"));

    assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("org.apache.zookeeper").getLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("org.apache.curator").getLevel()).isEqualTo(Level.DEBUG);
  }
}
