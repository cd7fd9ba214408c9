package io.drover.mesoslocal.real;

import io.drover.mesoslocal.MesosCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Mesos 1.11 master and agents, run from {@link MesosHome} on 127.0.0.1 with ephemeral
 * ports and a scratch directory (work dirs, runtime dirs, logs), for tests that must hear what a real
 * cluster answers. The master keeps its registry in memory; agents use the posix launcher and
 * isolators, run tasks as this user and checkpoint, so a restarted agent recovers its tasks.
 *
 * <pre>{@code
 * try (RealMesos mesos = RealMesos.builder().agents(2).start()) {
 *   String url = mesos.url();
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops every process it started and every executor and task the agents
 * started, and deletes the scratch directory unless the builder named it. Thread-safe (methods are
 * serialized).
 */
public final class RealMesos implements MesosCluster {

  private static final Logger log = LoggerFactory.getLogger(RealMesos.class);
  private static final Pattern MASTER_STARTED = Pattern.compile("started on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern AGENT_STARTED = Pattern.compile("Mesos agent started on \\(\\d+\\)@127\\.0\\.0\\.1:(\\d+)");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path home;
  private final Path scratch;
  private final boolean ownsScratch;
  private final List<String> masterFlags;
  private final List<String> agentFlags;
  private final IntFunction<String> agentResources;
  private final IntFunction<String> agentHostnames;
  private final List<AgentSlot> slots = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private Daemon master;
  private volatile int masterPort;
  private MasterClient client;

  /** One agent position: its current work dir (a new one per replacement), process and id. */
  private static final class AgentSlot {
    final int index;
    int generation;
    Daemon daemon;
    int port;
    String id;

    AgentSlot(int index) {
      this.index = index;
    }
  }

  private RealMesos(Path home, Path scratch, boolean ownsScratch, List<String> masterFlags, List<String> agentFlags,
      IntFunction<String> agentResources, IntFunction<String> agentHostnames) {
    this.home = home;
    this.scratch = scratch;
    this.ownsScratch = ownsScratch;
    this.masterFlags = masterFlags;
    this.agentFlags = agentFlags;
    this.agentResources = agentResources;
    this.agentHostnames = agentHostnames;
  }

  /** A builder: one agent, fast timeouts; see {@link RealMesosBuilder}. */
  public static RealMesosBuilder builder() {
    return new RealMesosBuilder();
  }

  /** Starts the master and agents in {@code workDir}, or in a temporary directory of its own when null. */
  static RealMesos start(Path home, Path workDir, int agents, IntFunction<String> resources,
      IntFunction<String> hostnames, List<String> masterFlags, List<String> agentFlags) throws IOException {
    Path scratch = workDir == null ? Files.createTempDirectory("real-mesos-") : Files.createDirectories(workDir);
    RealMesos mesos = new RealMesos(home, scratch, workDir == null, List.copyOf(masterFlags), List.copyOf(agentFlags),
        resources, hostnames);
    try {
      mesos.startMaster(0);
      for (int i = 0; i < agents; i++) {
        AgentSlot slot = new AgentSlot(i);
        mesos.slots.add(slot);
        mesos.startAgent(slot, 0);
        slot.id = mesos.awaitAgent(slot, null);
      }
      log.info("real Mesos master {} with agents {}, scratch {}", mesos.url(), mesos.agentIds(), scratch);
      return mesos;
    } catch (IOException | RuntimeException e) {
      mesos.stopAll();
      throw new IOException(e.getMessage() + " (logs kept in " + scratch + ")", e);
    }
  }

  @Override
  public String url() {
    return "http://127.0.0.1:" + masterPort;
  }

  /** The scratch directory: {@code master/}, {@code agent-<slot>-<n>/} work dirs and {@code *.log}. */
  public Path scratch() {
    return scratch;
  }

  @Override
  public synchronized List<String> agentIds() {
    return slots.stream().map(s -> s.id).toList();
  }

  /** SIGTERM, then waits until the master has marked the agent unreachable. */
  @Override
  public synchronized void stopAgent(String agentId) {
    AgentSlot slot = slot(agentId);
    if (slot.daemon != null) {
      slot.daemon.stop();
      slot.daemon = null;
    }
    await("agent " + agentId + " to be marked unreachable",
        () -> client.agents().stream().noneMatch(a -> a.id().equals(agentId)));
  }

  /** Starts the agent again on its work dir and port; waits until it has reregistered under its id. */
  @Override
  public synchronized void startAgent(String agentId) {
    AgentSlot slot = slot(agentId);
    if (slot.daemon != null) {
      return;
    }
    try {
      startAgent(slot, slot.port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = awaitAgent(slot, null);
    if (!id.equals(agentId)) {
      throw new IllegalStateException("agent " + agentId + " came back as " + id + "; see " + log(slot));
    }
  }

  /** SIGTERM (if running), then a new agent on a fresh work dir at the same port; returns its id. */
  @Override
  public synchronized String replaceAgent(String agentId) {
    AgentSlot slot = slot(agentId);
    if (slot.daemon != null) {
      slot.daemon.stop();
      slot.daemon = null;
    }
    slot.generation++;
    try {
      startAgent(slot, slot.port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    slot.id = awaitAgent(slot, agentId);
    return slot.id;
  }

  /** SIGTERM to the master, then a new one on the same port; waits until every running agent reregistered. */
  @Override
  public void restartMaster() {
    restartMaster(false);
  }

  /**
   * Stops the master with SIGKILL ({@code kill}) or SIGTERM, starts a new one on the same port and
   * work dir (with the replicated-log registry it recovers the agents it admitted), and waits until
   * every running agent reregistered.
   */
  public synchronized void restartMaster(boolean kill) {
    if (kill) {
      master.kill();
    } else {
      master.stop();
    }
    try {
      startMaster(masterPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> running = slots.stream().filter(s -> s.daemon != null).map(s -> s.id).toList();
    await("agents " + running + " to reregister with the new master", () -> {
      List<String> active = client.agents().stream().filter(MasterClient.Agent::active).map(MasterClient.Agent::id).toList();
      return active.containsAll(running);
    });
  }

  /**
   * Crashes a task as a failing program does: SIGKILL to its processes (those working in its
   * sandbox, found through the agents' {@code /state}), not to its executor, which reports the task
   * TASK_FAILED. Returns the pids killed; fails when no live agent runs the task.
   */
  public synchronized List<Long> crashTask(String taskId) {
    List<Integer> ports = slots.stream().filter(s -> s.daemon != null).map(s -> s.port).toList();
    return new TaskProcesses(home, ports).kill(taskId);
  }

  /**
   * Kills what replaced agents left running (their executors and tasks, which a real agent leaves
   * behind as orphans), as when the machine of a replaced agent goes away; returns how many.
   */
  public synchronized int killReplacedAgentsProcesses() {
    int killed = 0;
    for (AgentSlot slot : slots) {
      for (int g = 0; g < slot.generation; g++) {
        ProcessSweeper sweeper = new ProcessSweeper(agentDir(slot, g));
        killed += sweeper.find().size();
        sweeper.killAll();
      }
    }
    return killed;
  }

  /**
   * Kills the agents and the master, then every executor and task left, and deletes the scratch
   * directory unless the builder named it.
   */
  @Override
  public synchronized void close() {
    if (closed.compareAndSet(false, true)) {
      stopAll();
      if (ownsScratch) {
        deleteRecursively(scratch);
      }
    }
  }

  private void stopAll() {
    for (AgentSlot slot : slots) {
      if (slot.daemon != null) {
        slot.daemon.kill();
      }
    }
    if (master != null) {
      master.kill();
    }
    List<ProcessHandle> left = new ProcessSweeper(scratch).killAll();
    if (!left.isEmpty()) {
      log.warn("processes under {} survived SIGKILL: {}", scratch, left.stream().map(ProcessHandle::pid).toList());
    }
  }

  /** The processes that still use the scratch directory (none after {@link #close()}). */
  public List<ProcessHandle> processes() {
    return new ProcessSweeper(scratch).find();
  }

  private void startMaster(int port) throws IOException {
    List<String> argv = new ArrayList<>(List.of(home.resolve("bin/mesos-master").toString(),
        "--ip=127.0.0.1", "--hostname=127.0.0.1", "--port=" + port,
        "--work_dir=" + Files.createDirectories(scratch.resolve("master"))));
    argv.addAll(masterFlags);
    master = Daemon.start(argv, scratch.resolve("master.log"), MASTER_STARTED);
    masterPort = master.port();
    client = new MasterClient(url());
    await("the master to answer /state", () -> client.state().isPresent());
  }

  private void startAgent(AgentSlot slot, int port) throws IOException {
    Path dir = Files.createDirectories(agentDir(slot, slot.generation));
    List<String> argv = new ArrayList<>(List.of(home.resolve("bin/mesos-agent").toString(),
        "--master=127.0.0.1:" + masterPort, "--ip=127.0.0.1", "--hostname=" + agentHostnames.apply(slot.index),
        "--port=" + port,
        "--work_dir=" + dir.resolve("work"), "--runtime_dir=" + dir.resolve("run"),
        "--launcher_dir=" + home.resolve("libexec/mesos"), "--containerizers=mesos", "--launcher=posix",
        "--isolation=posix/cpu,posix/mem,volume/sandbox_path", "--no-systemd_enable_support", "--switch_user=false",
        "--resources=" + agentResources.apply(slot.index)));
    argv.addAll(agentFlags);
    slot.daemon = Daemon.start(argv, log(slot), AGENT_STARTED);
    slot.port = slot.daemon.port();
  }

  private Path agentDir(AgentSlot slot, int generation) {
    return scratch.resolve("agent-" + slot.index + "-" + generation);
  }

  private Path log(AgentSlot slot) {
    return scratch.resolve("agent-" + slot.index + ".log");
  }

  /** Waits until an active agent at the slot's port is registered (with another id than {@code not}); returns its id. */
  private String awaitAgent(AgentSlot slot, String not) {
    String[] id = new String[1];
    await("agent " + slot.index + " (port " + slot.port + ") to register", () -> {
      for (MasterClient.Agent a : client.agents()) {
        if (a.port() == slot.port && a.active() && !a.id().equals(not)) {
          id[0] = a.id();
          return true;
        }
      }
      return false;
    });
    return id[0];
  }

  private AgentSlot slot(String agentId) {
    return slots.stream().filter(s -> agentId.equals(s.id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No agent '" + agentId + "' in " + agentIds()));
  }

  private void await(String what, BooleanSupplier done) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("timed out after " + WAIT + " waiting for " + what + "; logs in " + scratch);
      }
      Daemon.pause();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", dir, e.toString());
    }
  }
}
