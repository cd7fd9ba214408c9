package io.drover.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the servers the benchmark runs in this JVM (ZooKeeper, mesos-local, controllers) from
 * writing their logs between the progress lines; {@code --verbose} leaves logging as configured.
 * A controller shut down at the end of a scenario logs its loss of leadership, for example, which
 * is expected here.
 */
final class BenchLogging {
  private static final List<String> SERVERS = List.of(
      "io.drover.controller", "io.drover.mesoslocal", "org.apache.zookeeper", "org.apache.curator");

  private BenchLogging() {}

  /** Turns the servers' logs off, when logging is Logback (it is in the drover jars). */
  static void quiet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      SERVERS.forEach(name -> context.getLogger(name).setLevel(Level.OFF));
    }
  }
}
