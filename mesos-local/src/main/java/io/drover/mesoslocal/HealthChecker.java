package io.drover.mesoslocal;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.mesos.v1.Protos.HealthCheck;

/**
 * Runs a task's health check as Mesos's health checker does: the first check after
 * {@code delay_seconds}, then every {@code interval_seconds}, each bounded by {@code timeout_seconds}.
 * Failures are ignored during {@code grace_period_seconds} until the first success; after that each
 * failure is reported as unhealthy, and the {@code consecutive_failures}-th asks for a kill. A
 * success is reported on the first one and on the first after failures.
 */
final class HealthChecker {

  /** Receives results on a checker thread; must not block. */
  interface Listener {
    void healthChanged(boolean healthy, boolean killTask);
  }

  private final HealthCheck check;
  private final Path sandbox;
  private final Map<String, String> env;
  private final Listener listener;
  private final ExecutorService workers;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private volatile ScheduledFuture<?> schedule;
  private boolean initializing = true;
  private int consecutiveFailures;
  private volatile boolean stopped;
  private HttpClient httpClient;

  HealthChecker(HealthCheck check, Path sandbox, Map<String, String> env, Listener listener,
      ExecutorService workers, LongSupplier nanoTime) {
    this.check = check;
    this.sandbox = sandbox;
    this.env = env;
    this.listener = listener;
    this.workers = workers;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  void start(ScheduledExecutorService timers) {
    long delay = seconds(check.getDelaySeconds());
    long interval = Math.max(1, seconds(check.getIntervalSeconds()));
    schedule = timers.scheduleWithFixedDelay(() -> workers.execute(this::runOnce), delay, interval, TimeUnit.MILLISECONDS);
  }

  void stop() {
    stopped = true;
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
    }
  }

  private synchronized void runOnce() {
    if (stopped) {
      return;
    }
    boolean ok = probe();
    if (stopped) {
      return;
    }
    if (ok) {
      if (initializing || consecutiveFailures > 0) {
        initializing = false;
        listener.healthChanged(true, false);
      }
      consecutiveFailures = 0;
      return;
    }
    long grace = seconds(check.getGracePeriodSeconds());
    if (initializing && grace > 0 && (nanoTime.getAsLong() - startNanos) / 1_000_000 <= grace) {
      return;
    }
    consecutiveFailures++;
    boolean kill = consecutiveFailures >= check.getConsecutiveFailures();
    listener.healthChanged(false, kill);
    if (kill) {
      stop();
    }
  }

  private boolean probe() {
    long timeout = Math.max(1, seconds(check.getTimeoutSeconds()));
    try {
      switch (check.getType()) {
        case HTTP:
          return http(timeout);
        case TCP:
          return tcp(timeout);
        default:
          return command(timeout);
      }
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean command(long timeoutMillis) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(Sandbox.argv(check.getCommand()))
        .directory(sandbox.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.appendTo(new File(sandbox.toFile(), "stderr")));
    pb.environment().putAll(env);
    check.getCommand().getEnvironment().getVariablesList().forEach(v -> pb.environment().put(v.getName(), v.getValue()));
    Process p = pb.start();
    if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      ProcessTree.kill(p.toHandle());
      return false;
    }
    return p.exitValue() == 0;
  }

  private boolean http(long timeoutMillis) throws IOException, InterruptedException {
    HealthCheck.HTTPCheckInfo info = check.getHttp();
    String scheme = info.hasScheme() ? info.getScheme() : "http";
    String path = info.hasPath() ? info.getPath() : "/";
    if (httpClient == null) {
      httpClient = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(timeoutMillis)).build();
    }
    HttpResponse<Void> response = httpClient.send(
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + info.getPort() + path))
            .timeout(Duration.ofMillis(timeoutMillis)).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    return response.statusCode() >= 200 && response.statusCode() < 400;
  }

  private boolean tcp(long timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", check.getTcp().getPort()), (int) timeoutMillis);
      return true;
    }
  }

  private static long seconds(double s) {
    return (long) (s * 1000);
  }
}
