package io.drover.chaos;

import io.drover.local.ReplicaProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.curator.test.InstanceSpec;

/**
 * Plays one planned fault on the cluster and says what convergence means after it: besides the
 * goal itself, e.g. another replica leading after the leader was killed. Targets are chosen among
 * the candidates of the moment with the plan's random number. A leader is frozen or has its session
 * closed right after a user edit, so that it is deposed with writes in flight (the writes fencing
 * must refuse).
 */
final class FaultInjector {
  private static final Duration EXPIRY_TRY = Duration.ofSeconds(3);

  private final ChaosCluster cluster;
  private final FaultEffects effects;
  private final Monitor monitor;
  private final Callable<String> edit;

  /** An injector whose leader faults come right after {@code edit}, which returns what it did. */
  FaultInjector(ChaosCluster cluster, FaultEffects effects, Monitor monitor, Callable<String> edit) {
    this.cluster = cluster;
    this.effects = effects;
    this.monitor = monitor;
    this.edit = edit;
  }

  /**
   * A fault as played.
   *
   * @param target what it hit
   * @param injected when it began
   * @param repaired when it was undone
   * @param converged what must hold besides the goal
   * @param deposed the replica that lost its leadership by it, or null
   * @param agent the agent it took away for good, or null
   * @param edit the user edit made just before it, or null
   */
  record Played(String target, Instant injected, Instant repaired, Predicate<Snapshot> converged,
      String deposed, String agent, String edit) {

    Played(String target, Instant injected, Instant repaired, Predicate<Snapshot> converged, String deposed,
        String agent) {
      this(target, injected, repaired, converged, deposed, agent, null);
    }
  }

  Played play(Schedule.Planned f) throws Exception {
    return switch (f.type()) {
      case LEADER_KILL -> leaderKill();
      case LEADER_PAUSE -> leaderPause(f.hold());
      case SESSION_EXPIRY -> sessionExpiry();
      case QUORUM_LOSS -> quorumLoss(f);
      case MASTER_RESTART -> masterRestart(f);
      case AGENT_LOSS -> agentLoss(f);
      case AGENT_REPLACE -> agentReplace(f);
      case TASK_CRASH -> taskCrash(f);
    };
  }

  private ReplicaProcess leader() throws Exception {
    Election.Leader l = Election.leader(cluster.user())
        .orElseThrow(() -> new IllegalStateException("no leader in /drover/leader"));
    return cluster.replica(l.replicaId())
        .orElseThrow(() -> new IllegalStateException("the leader " + l.replicaId() + " is not a live replica"));
  }

  private Played leaderKill() throws Exception {
    ReplicaProcess p = leader();
    Instant at = Instant.now();
    cluster.kill(p);
    return new Played(p.id() + " (pid " + p.pid() + ")", at, at, otherLeader(p.id()), null, null);
  }

  private Played leaderPause(Duration hold) throws Exception {
    ReplicaProcess p = leader();
    String edited = edit.call();
    Instant at = Instant.now();
    cluster.pause(p);
    Thread.sleep(hold.toMillis());
    cluster.resume(p);
    return new Played(p.id() + " (pid " + p.pid() + ") for " + hold.toMillis() + " ms", at, Instant.now(),
        otherLeader(p.id()).and(standby(p.id())), p.id(), null, edited);
  }

  private Played sessionExpiry() throws Exception {
    Election.Leader l = Election.leader(cluster.user())
        .orElseThrow(() -> new IllegalStateException("no leader in /drover/leader"));
    String edited = edit.call();
    Instant at = Instant.now();
    long end = System.nanoTime() + EXPIRY_TRY.toNanos();
    while (!SessionKiller.terminate(l.sessionId())) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("no ZooKeeper server holds a connection of session 0x"
            + Long.toHexString(l.sessionId()) + " of leader " + l.replicaId());
      }
      Thread.sleep(50);
    }
    return new Played(l.replicaId() + " (session 0x" + Long.toHexString(l.sessionId()) + ")", at, Instant.now(),
        otherLeader(l.replicaId()).and(standby(l.replicaId())), l.replicaId(), null, edited);
  }

  private Played quorumLoss(Schedule.Planned f) throws Exception {
    List<InstanceSpec> servers = new ArrayList<>(cluster.zooKeeper().getInstances());
    servers.sort(Comparator.comparingInt(InstanceSpec::getServerId));
    servers.remove(Math.floorMod(f.pick(), servers.size()));
    Instant at = Instant.now();
    for (InstanceSpec s : servers) {
      cluster.zooKeeper().killServer(s);
    }
    Thread.sleep(f.hold().toMillis());
    for (InstanceSpec s : servers) {
      cluster.zooKeeper().restartServer(s);
    }
    String target = "servers " + servers.stream().map(s -> Integer.toString(s.getServerId())).toList()
        + " for " + f.hold().toMillis() + " ms";
    return new Played(target, at, Instant.now(), s -> true, null, null);
  }

  /** The master restarts; on a real Mesos the plan's number picks SIGKILL or SIGTERM. */
  private Played masterRestart(Schedule.Planned f) {
    Monitor.Look before = monitor.latest();
    String oldId = before == null || before.snapshot().master() == null ? null : before.snapshot().master().id();
    Instant at = Instant.now();
    String how = cluster.mesos().restartMaster(Math.floorMod(f.pick(), 2) == 0);
    return new Played("master " + oldId + " (" + how + ")", at, at,
        s -> !Objects.equals(s.master().id(), oldId), null, null);
  }

  private Played agentLoss(Schedule.Planned f) throws InterruptedException {
    String agent = agentWithTasks(f);
    Instant at = Instant.now();
    cluster.mesos().cluster().stopAgent(agent);
    Thread.sleep(f.hold().toMillis());
    cluster.mesos().cluster().startAgent(agent);
    return new Played(agent + " for " + f.hold().toMillis() + " ms", at, Instant.now(), s -> true, null, null);
  }

  private Played agentReplace(Schedule.Planned f) {
    String agent = agentWithTasks(f);
    effects.replaced(agent);
    Instant at = Instant.now();
    String successor = cluster.mesos().replaceAgent(agent);
    Predicate<Snapshot> moved = s -> s.master().connectedAgents().contains(successor)
        && s.master().tasks().stream().noneMatch(t -> t.agentId().equals(agent) && t.active());
    return new Played(agent + " by " + successor, at, at, moved, null, agent);
  }

  /** An agent chosen by {@code f}'s number among those running tasks (all agents when none does). */
  private String agentWithTasks(Schedule.Planned f) {
    List<String> agents = cluster.mesos().cluster().agentIds();
    Monitor.Look look = monitor.latest();
    List<String> busy = agents.stream().filter(a -> look.snapshot().master().tasks().stream()
        .anyMatch(t -> t.agentId().equals(a) && t.active())).toList();
    List<String> candidates = busy.isEmpty() ? agents : busy;
    return candidates.get(Math.floorMod(f.pick(), candidates.size()));
  }

  private Played taskCrash(Schedule.Planned f) {
    Monitor.Look look = monitor.latest();
    List<String> running = look.snapshot().master().tasks().stream()
        .filter(t -> t.state().equals("TASK_RUNNING") && !t.unreachable())
        .map(Snapshot.Task::id).sorted().toList();
    String task = running.get(Math.floorMod(f.pick(), running.size()));
    effects.crashed(task);
    Instant at = Instant.now();
    String killed = cluster.mesos().crashTask(task);
    return new Played(task + " (" + killed + ")", at, at, s -> s.master().tasks().stream().noneMatch(t -> t.id().equals(task) && t.active()),
        null, null);
  }

  /** Another replica acts as leader. */
  private static Predicate<Snapshot> otherLeader(String old) {
    return s -> s.replicas().stream().anyMatch(r -> r.acting() && !r.id().equals(old));
  }

  /** {@code id} answers again, as a standby. */
  private static Predicate<Snapshot> standby(String id) {
    return s -> s.replicas().stream().anyMatch(r -> r.id().equals(id) && r.answered() && !r.acting());
  }
}
