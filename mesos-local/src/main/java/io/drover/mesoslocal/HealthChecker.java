package io.drover.mesoslocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.apache.mesos.v1.Protos.HealthCheck;

/**
 * Runs a task's health check as Mesos's health checker does: the first check after
 * {@code delay_seconds}, then {@code interval_seconds} after each one, each bounded by
 * {@code timeout_seconds} (0: none). A COMMAND check passes with exit code 0, an HTTP one with a
 * status in [200, 400), a TCP one when it connects. Failures are ignored during
 * {@code grace_period_seconds} until the first success; after that each failure is reported as
 * unhealthy, and the {@code consecutive_failures}-th asks for a kill. A success is reported on the
 * first one and on the first after failures.
 */
final class HealthChecker {

  /** Receives results on a checker thread; must not block. */
  interface Listener {
    void healthChanged(boolean healthy, boolean killTask);
  }

  private final HealthCheck check;
  private final Probes probes;
  private final Listener listener;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final ProbeSchedule<Boolean> schedule;
  private boolean initializing = true;
  private int consecutiveFailures;

  HealthChecker(HealthCheck check, Path sandbox, Map<String, String> env, Listener listener,
      ScheduledExecutorService timers, ExecutorService workers, LongSupplier nanoTime) {
    this.check = check;
    this.probes = new Probes(sandbox, env);
    this.listener = listener;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.schedule = new ProbeSchedule<>(timers, workers, ProbeSchedule.seconds(check.getIntervalSeconds()), this::probe,
        this::result);
  }

  void start() {
    schedule.start(ProbeSchedule.seconds(check.getDelaySeconds()));
  }

  void stop() {
    schedule.stop();
  }

  private synchronized void result(boolean ok) {
    if (ok) {
      if (initializing || consecutiveFailures > 0) {
        initializing = false;
        listener.healthChanged(true, false);
      }
      consecutiveFailures = 0;
      return;
    }
    long graceNanos = ProbeSchedule.seconds(check.getGracePeriodSeconds()).toNanos();
    if (initializing && graceNanos > 0 && nanoTime.getAsLong() - startNanos <= graceNanos) {
      return;
    }
    consecutiveFailures++;
    boolean kill = consecutiveFailures >= check.getConsecutiveFailures();
    listener.healthChanged(false, kill);
    if (kill) {
      stop();
    }
  }

  private boolean probe() throws InterruptedException {
    Duration timeout = Probes.timeout(check.getTimeoutSeconds());
    switch (check.getType()) {
      case HTTP: {
        HealthCheck.HTTPCheckInfo info = check.getHttp();
        OptionalInt status = probes.http(info.hasScheme() ? info.getScheme() : "http", info.getPort(),
            info.hasPath() ? info.getPath() : "/", timeout);
        return status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 400;
      }
      case TCP:
        return Probes.tcp(check.getTcp().getPort(), timeout).orElse(false);
      default: {
        OptionalInt exit = probes.command(check.getCommand(), timeout);
        return exit.isPresent() && exit.getAsInt() == 0;
      }
    }
  }
}
