package io.drover.mesoslocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CheckStatusInfo;

/**
 * Runs a task's general check ({@code TaskInfo.check}) as Mesos's {@code Checker} does for the
 * command executor: scheduled like a health check, never kills, and reports a
 * {@link CheckStatusInfo} (COMMAND: the exit code, HTTP: the status code, TCP: whether it connected)
 * only when it differs from the previous one. A probe that fails (timed out, could not start)
 * reports the empty status of the check's type, which is also the status every task update carries
 * before the first result.
 */
final class TaskChecker {

  /** Receives changed results on a checker thread; must not block. */
  interface Listener {
    void checkUpdated(CheckStatusInfo status);
  }

  private final CheckInfo check;
  private final Probes probes;
  private final Listener listener;
  private final ProbeSchedule<CheckStatusInfo> schedule;
  private CheckStatusInfo previous;

  TaskChecker(CheckInfo check, Path sandbox, Map<String, String> env, Listener listener,
      ScheduledExecutorService timers, ExecutorService workers) {
    this.check = check;
    this.probes = new Probes(sandbox, env);
    this.listener = listener;
    this.previous = empty(check);
    this.schedule = new ProbeSchedule<>(timers, workers, ProbeSchedule.seconds(check.getIntervalSeconds()),
        () -> probe().orElseGet(() -> empty(check)), this::result);
  }

  /** What {@code check_status} holds before the first result, or after a failed probe. */
  static CheckStatusInfo empty(CheckInfo check) {
    CheckStatusInfo.Builder status = CheckStatusInfo.newBuilder().setType(check.getType());
    switch (check.getType()) {
      case HTTP -> status.setHttp(CheckStatusInfo.Http.getDefaultInstance());
      case TCP -> status.setTcp(CheckStatusInfo.Tcp.getDefaultInstance());
      default -> status.setCommand(CheckStatusInfo.Command.getDefaultInstance());
    }
    return status.build();
  }

  /** A passing result of the check's type, for tasks that only pretend to run. */
  static CheckStatusInfo passing(CheckInfo check) {
    CheckStatusInfo.Builder status = CheckStatusInfo.newBuilder().setType(check.getType());
    switch (check.getType()) {
      case HTTP -> status.setHttp(CheckStatusInfo.Http.newBuilder().setStatusCode(200));
      case TCP -> status.setTcp(CheckStatusInfo.Tcp.newBuilder().setSucceeded(true));
      default -> status.setCommand(CheckStatusInfo.Command.newBuilder().setExitCode(0));
    }
    return status.build();
  }

  void start() {
    schedule.start(ProbeSchedule.seconds(check.getDelaySeconds()));
  }

  void stop() {
    schedule.stop();
  }

  private synchronized void result(CheckStatusInfo status) {
    if (status.equals(previous)) {
      return;
    }
    previous = status;
    listener.checkUpdated(status);
  }

  private Optional<CheckStatusInfo> probe() throws InterruptedException {
    Duration timeout = Probes.timeout(check.getTimeoutSeconds());
    CheckStatusInfo.Builder status = CheckStatusInfo.newBuilder().setType(check.getType());
    switch (check.getType()) {
      case HTTP: {
        CheckInfo.Http http = check.getHttp();
        OptionalInt code = probes.http("http", http.getPort(), http.hasPath() ? http.getPath() : "/", timeout);
        if (code.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(status.setHttp(CheckStatusInfo.Http.newBuilder().setStatusCode(code.getAsInt())).build());
      }
      case TCP: {
        Optional<Boolean> connected = Probes.tcp(check.getTcp().getPort(), timeout);
        return connected.map(c -> status.setTcp(CheckStatusInfo.Tcp.newBuilder().setSucceeded(c)).build());
      }
      default: {
        OptionalInt exit = probes.command(check.getCommand().getCommand(), timeout);
        if (exit.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(status.setCommand(CheckStatusInfo.Command.newBuilder().setExitCode(exit.getAsInt())).build());
      }
    }
  }
}
