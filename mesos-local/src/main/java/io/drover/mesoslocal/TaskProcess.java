package io.drover.mesoslocal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One task run as a real process, as the Mesos command executor runs it: {@code sh -c} in the
 * sandbox with stdout and stderr files, TASK_STARTING and TASK_RUNNING once started, TASK_FINISHED
 * or TASK_FAILED with the exit status when it ends, TASK_KILLED when it was killed. Its health check
 * and its general check ({@code TaskInfo.check}) run beside it. Like the executor, state changes
 * are fresh updates (with the empty check status when the task has a check), while health and check
 * updates repeat the previous update with the new health or check status. Methods are called from
 * the master (kill, crash), process watchers (exit) and checkers: all synchronized.
 */
final class TaskProcess {

  private final LaunchSpec spec;
  private final Consumer<ExecutorUpdate> updates;
  private final ScheduledExecutorService timers;
  private final ExecutorService checkWorkers;
  private final Runnable onDone;
  private final LongSupplier nanoTime;
  private Process process;
  private HealthChecker healthChecker;
  private TaskChecker checker;
  private ExecutorUpdate last;
  private boolean started;
  private boolean done;
  private boolean killed;
  private boolean killedBeforeStart;
  private boolean crashed;
  private boolean killedByHealthCheck;

  TaskProcess(LaunchSpec spec, Consumer<ExecutorUpdate> updates, ScheduledExecutorService timers,
      ExecutorService checkWorkers, LongSupplier nanoTime, Runnable onDone) {
    this.spec = spec;
    this.updates = updates;
    this.timers = timers;
    this.checkWorkers = checkWorkers;
    this.onDone = onDone;
    this.nanoTime = nanoTime;
  }

  synchronized void start() {
    if (killedBeforeStart) {
      finish(ExecutorUpdate.of(spec.key(), TaskState.TASK_KILLED, "Task killed before it was launched")
          .withReason(TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH)
          .withSource(TaskStatus.Source.SOURCE_AGENT));
      return;
    }
    Path sandbox;
    Map<String, String> env;
    try {
      // As on a real agent, the container is prepared, its URIs fetched and its secrets resolved
      // before the executor starts, so a failure here is TASK_FAILED without TASK_STARTING.
      sandbox = Sandbox.prepare(spec);
      refuseImages(spec.task());
      Fetcher.fetch(spec.task().getCommand(), sandbox);
      env = Sandbox.environment(spec, sandbox);
    } catch (Fetcher.FetchException e) {
      finish(ExecutorUpdate.of(spec.key(), TaskState.TASK_FAILED, "Failed to launch container: Failed to fetch all URIs"
              + " for container '" + containerId() + "': " + e.getMessage())
          .withReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
          .withSource(TaskStatus.Source.SOURCE_AGENT));
      return;
    } catch (IOException | RuntimeException e) {
      finish(ExecutorUpdate.of(spec.key(), TaskState.TASK_FAILED, "Failed to launch container: " + e.getMessage())
          .withReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
          .withSource(TaskStatus.Source.SOURCE_AGENT));
      return;
    }
    send(fresh(TaskState.TASK_STARTING, null));
    try {
      ProcessBuilder pb = new ProcessBuilder(Sandbox.argv(spec.task().getCommand()))
          .directory(sandbox.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()))
          .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()));
      pb.environment().putAll(env);
      process = pb.start();
      ExitReaper.track(process.toHandle());
    } catch (IOException | RuntimeException e) {
      finish(ExecutorUpdate.of(spec.key(), TaskState.TASK_FAILED, "Failed to launch container: " + e.getMessage())
          .withReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
          .withSource(TaskStatus.Source.SOURCE_AGENT));
      return;
    }
    started = true;
    send(fresh(TaskState.TASK_RUNNING, null));
    if (spec.task().hasCheck()) {
      checker = new TaskChecker(spec.task().getCheck(), sandbox, env, this::checkUpdated, timers, checkWorkers);
      checker.start();
    }
    if (spec.task().hasHealthCheck()) {
      healthChecker = new HealthChecker(spec.task().getHealthCheck(), sandbox, env, this::healthChanged, timers,
          checkWorkers, nanoTime);
      healthChecker.start();
    }
    process.onExit().thenAccept(this::exited);
  }

  /** Tasks run as processes on this machine's filesystem: a container image cannot be honoured. */
  private static void refuseImages(TaskInfo task) throws IOException {
    if (task.hasContainer() && task.getContainer().hasMesos() && task.getContainer().getMesos().hasImage()) {
      Image image = task.getContainer().getMesos().getImage();
      String name = image.hasDocker() ? image.getDocker().getName() : image.getType().name();
      throw new IOException("mesos-local runs tasks as processes on this machine and cannot run the container image '"
          + name + "'; run it on Mesos agents with --image_providers=docker");
    }
  }

  /** The run directory's name, which is the container id on a real agent (the executor's, for a task of a group). */
  private String containerId() {
    Path run = spec.sandbox().getParent().getFileName().toString().equals("tasks")
        ? spec.sandbox().getParent().getParent()
        : spec.sandbox();
    return run.getFileName().toString();
  }

  synchronized void kill(Duration grace) {
    if (done || killed) {
      return;
    }
    if (!started) {
      killedBeforeStart = true;
      return;
    }
    killed = true;
    stopCheckers();
    Duration effective = grace != null ? grace : spec.gracePeriod();
    if (spec.killingCapable()) {
      send(fresh(TaskState.TASK_KILLING, null));
    }
    ProcessTree.terminate(process.toHandle(), effective, timers);
  }

  synchronized boolean crash() {
    if (done || !started) {
      return false;
    }
    crashed = true;
    ProcessTree.kill(process.toHandle());
    return true;
  }

  /** SIGKILL to the tree, for shutdown; reports nothing more. */
  synchronized void destroy() {
    done = true;
    stopCheckers();
    if (process != null) {
      ProcessTree.kill(process.toHandle());
      ExitReaper.untrack(process.toHandle());
    }
  }

  Process process() {
    return process;
  }

  private synchronized void healthChanged(boolean healthy, boolean killTask) {
    if (done || killed) {
      return;
    }
    send(last.withReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED).withHealthy(healthy));
    if (killTask) {
      killedByHealthCheck = true;
      kill(spec.gracePeriod());
    }
  }

  private synchronized void checkUpdated(CheckStatusInfo status) {
    if (done || killed) {
      return;
    }
    send(last.withReason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED).withCheckStatus(status));
  }

  private synchronized void exited(Process p) {
    ExitReaper.untrack(p.toHandle());
    if (done) {
      return;
    }
    int code = p.exitValue();
    TaskState state;
    if (killed) {
      state = TaskState.TASK_KILLED;
    } else if (code == 0 && !crashed) {
      state = TaskState.TASK_FINISHED;
    } else {
      state = TaskState.TASK_FAILED;
    }
    ExecutorUpdate update = fresh(state, describe(code));
    if (killed && killedByHealthCheck) {
      update = update.withHealthy(false);
    }
    finish(update);
  }

  /** A status made from scratch: no health, and the empty check status when the task has a check. */
  private ExecutorUpdate fresh(TaskState state, String message) {
    ExecutorUpdate u = ExecutorUpdate.of(spec.key(), state, message);
    return spec.task().hasCheck() ? u.withCheckStatus(TaskChecker.empty(spec.task().getCheck())) : u;
  }

  private void send(ExecutorUpdate update) {
    last = update;
    updates.accept(update);
  }

  private String describe(int code) {
    boolean signalled = (killed || crashed) && code > 128;
    if (signalled) {
      return "Command terminated with signal " + signalName(code - 128);
    }
    return "Command exited with status " + code;
  }

  private static String signalName(int signal) {
    switch (signal) {
      case 9:
        return "Killed";
      case 15:
        return "Terminated";
      case 2:
        return "Interrupt";
      default:
        return "Signal " + signal;
    }
  }

  private void finish(ExecutorUpdate update) {
    done = true;
    stopCheckers();
    send(update);
    onDone.run();
  }

  private void stopCheckers() {
    if (healthChecker != null) {
      healthChecker.stop();
    }
    if (checker != null) {
      checker.stop();
    }
  }
}
