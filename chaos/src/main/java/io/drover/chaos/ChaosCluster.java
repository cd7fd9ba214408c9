package io.drover.chaos;

import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import io.drover.local.Profile;
import io.drover.local.ReplicaProcess;
import io.drover.mesoslocal.real.RealMesos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * The installation the faults are played against: a real 3-server ZooKeeper ensemble (curator-test's
 * {@link TestingCluster}, in this JVM, 500 ms ticks so that sessions of a few seconds are allowed),
 * Mesos with its agents running tasks as processes (mesos-local, or a real Mesos 1.11 master and
 * agents from {@code MESOS_HOME}; test-sized timings), and controller
 * replicas each in a JVM of its own ({@code drover controller}, production code and settings but
 * the session timeout), so that they can be killed and frozen for real.
 */
final class ChaosCluster implements AutoCloseable {
  static final String FRAMEWORK = "drover";
  static final int ZK_SERVERS = 3;
  private static final int ZK_TICK_MS = 500;
  private static final Duration POLL = Duration.ofMillis(50);
  /** Real agents: unreachable 9 to 12 s after they go away (3 pings of 3 s), tolerant of a busy machine. */
  private static final Duration AGENT_PING_TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_AGENT_PING_TIMEOUTS = 3;

  private final TestingCluster zk;
  private final RealMesos real;
  private final LocalCluster local;
  private final ChaosMesos mesos;
  private final List<ReplicaProcess> live = new CopyOnWriteArrayList<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  private final Map<String, String> addresses = new ConcurrentHashMap<>();

  private ChaosCluster(TestingCluster zk, RealMesos real, LocalCluster local) {
    this.zk = zk;
    this.real = real;
    this.local = local;
    this.mesos = real != null ? new ChaosMesos.Real(real) : new ChaosMesos.Local(local.mesos());
  }

  /** Starts ZooKeeper and Mesos under {@code dir}; replicas come with {@link #ensureReplicas}. */
  static ChaosCluster start(Path workDir, ChaosConfig config) throws Exception {
    Path dir = workDir.toAbsolutePath(); // the replica processes and the report name it too
    List<InstanceSpec> specs = new ArrayList<>();
    for (int i = 1; i <= ZK_SERVERS; i++) {
      Path data = Files.createDirectories(dir.resolve("zookeeper-" + i));
      specs.add(new InstanceSpec(data.toFile(), -1, -1, -1, false, i, ZK_TICK_MS, -1));
    }
    TestingCluster zk = new TestingCluster(specs);
    zk.start();
    RealMesos real = null;
    try {
      LocalCluster.Builder builder = LocalCluster.builder().workDir(dir).zooKeeper(zk.getConnectString())
          .agents(config.agents()).replicas(0).profile(Profile.TEST).sessionTimeout(config.sessionTimeout())
          .replicaIds("chaos-");
      if (config.mesos() == MesosBackend.REAL) {
        real = startReal(dir.resolve("mesos"), config.agents());
        builder.mesosMaster(real.url());
      }
      return new ChaosCluster(zk, real, builder.start());
    } catch (Exception | Error e) {
      if (real != null) {
        real.close();
      }
      zk.close();
      throw e;
    }
  }

  /**
   * A real master whose registry survives its restarts (replicated log in its work dir) and agents
   * that are different hosts to placement, each with its own ports and room for the whole workload,
   * with test-sized timings: unreachable within seconds, executors given 5 s to reconnect to a
   * restarted agent (which reregisters only after that).
   */
  private static RealMesos startReal(Path dir, int agents) {
    return RealMesos.builder().agents(agents).replicatedLog().workDir(dir)
        .agentHostnames(i -> "127.0.0." + (i + 1))
        .agentResources(i -> "cpus:4;mem:4096;disk:8192;ports:[" + (31000 + 100 * i) + "-" + (31099 + 100 * i) + "]")
        .agentPingTimeout(AGENT_PING_TIMEOUT, MAX_AGENT_PING_TIMEOUTS)
        .agentFlag("--executor_reregistration_timeout=5secs")
        .start();
  }

  TestingCluster zooKeeper() {
    return zk;
  }

  ChaosMesos mesos() {
    return mesos;
  }

  CuratorFramework user() {
    return local.user();
  }

  LocalCluster local() {
    return local;
  }

  /** Starts replica processes until {@code n} live ones run; does not wait for them to serve. */
  void startReplicas(int n) throws IOException {
    while (live.size() < n) {
      live.add(local.startReplicaProcess());
    }
  }

  /** Starts replicas until {@code n} live ones serve HTTP. */
  void ensureReplicas(int n, Duration timeout) throws Exception {
    startReplicas(n);
    Deadline deadline = Deadline.in(timeout);
    for (ReplicaProcess p : live) {
      Poll.until(() -> address(p).isPresent() || !p.alive(), POLL, deadline,
          "replica " + p.id() + " to serve HTTP (log: " + p.log() + ")");
      if (!p.alive()) {
        throw new IllegalStateException("replica " + p.id() + " exited; its log: " + p.log());
      }
    }
  }

  /** The live replicas, in start order. */
  List<ReplicaProcess> replicas() {
    return List.copyOf(live);
  }

  Optional<String> address(ReplicaProcess p) {
    String known = addresses.get(p.id());
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> a = p.httpAddress();
    a.ifPresent(v -> addresses.put(p.id(), v));
    return a;
  }

  Optional<ReplicaProcess> replica(String id) {
    return live.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  boolean paused(String id) {
    return paused.contains(id);
  }

  /** SIGKILL; the replica is forgotten (a new one takes its place at the next {@link #ensureReplicas}). */
  void kill(ReplicaProcess p) throws InterruptedException {
    live.remove(p);
    p.kill();
    local.stop(p);
  }

  /** SIGSTOP: the JVM is frozen, its sockets stay open. */
  void pause(ReplicaProcess p) throws IOException, InterruptedException {
    paused.add(p.id());
    signal("STOP", p);
  }

  /** SIGCONT. */
  void resume(ReplicaProcess p) throws IOException, InterruptedException {
    signal("CONT", p);
    paused.remove(p.id());
  }

  private static void signal(String name, ReplicaProcess p) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " " + p.pid() + " failed for replica " + p.id());
    }
  }

  /** Stops the replicas (resumed first, so that SIGTERM is handled), Mesos, then ZooKeeper. */
  @Override
  public void close() throws Exception {
    try {
      for (ReplicaProcess p : live) {
        if (paused.contains(p.id())) {
          resume(p);
        }
      }
      local.close();
    } finally {
      try {
        if (real != null) {
          real.close();
        }
      } finally {
        zk.close();
      }
    }
  }
}
