package io.drover.chaos;

import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import io.drover.local.Profile;
import io.drover.local.ReplicaProcess;
import io.drover.mesoslocal.MesosLocal;
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
 * mesos-local with its agents running tasks as processes (test-sized timings), and controller
 * replicas each in a JVM of its own ({@code drover controller}, production code and settings but
 * the session timeout), so that they can be killed and frozen for real.
 */
final class ChaosCluster implements AutoCloseable {
  static final String FRAMEWORK = "drover";
  static final int ZK_SERVERS = 3;
  private static final int ZK_TICK_MS = 500;
  private static final Duration POLL = Duration.ofMillis(50);

  private final TestingCluster zk;
  private final LocalCluster local;
  private final List<ReplicaProcess> live = new CopyOnWriteArrayList<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  private final Map<String, String> addresses = new ConcurrentHashMap<>();

  private ChaosCluster(TestingCluster zk, LocalCluster local) {
    this.zk = zk;
    this.local = local;
  }

  /** Starts ZooKeeper and mesos-local under {@code dir}; replicas come with {@link #ensureReplicas}. */
  static ChaosCluster start(Path workDir, ChaosConfig config) throws Exception {
    Path dir = workDir.toAbsolutePath(); // the replica processes and the report name it too
    List<InstanceSpec> specs = new ArrayList<>();
    for (int i = 1; i <= ZK_SERVERS; i++) {
      Path data = Files.createDirectories(dir.resolve("zookeeper-" + i));
      specs.add(new InstanceSpec(data.toFile(), -1, -1, -1, false, i, ZK_TICK_MS, -1));
    }
    TestingCluster zk = new TestingCluster(specs);
    zk.start();
    try {
      LocalCluster local = LocalCluster.builder().workDir(dir).zooKeeper(zk.getConnectString())
          .agents(config.agents()).replicas(0).profile(Profile.TEST).sessionTimeout(config.sessionTimeout())
          .replicaIds("chaos-").start();
      return new ChaosCluster(zk, local);
    } catch (Exception | Error e) {
      zk.close();
      throw e;
    }
  }

  TestingCluster zooKeeper() {
    return zk;
  }

  MesosLocal mesos() {
    return local.mesos();
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

  /** Stops the replicas (resumed first, so that SIGTERM is handled), mesos-local, then ZooKeeper. */
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
      zk.close();
    }
  }
}
