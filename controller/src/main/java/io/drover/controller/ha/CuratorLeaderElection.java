package io.drover.controller.ha;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LeaderElection} on a Curator {@link LeaderLatch}. Every latch and connection callback is
 * moved onto the serial event executor, where the leadership state is changed and the listeners
 * are told, so they see one consistent order of events.
 */
final class CuratorLeaderElection implements LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(CuratorLeaderElection.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  private enum Lifecycle {
    LATENT,
    STARTED,
    CLOSED
  }

  /** Leading (term non-null), possibly suspended, or following (term null). */
  private record Leadership(LeaderTerm term, boolean suspended) {
    static final Leadership FOLLOWER = new Leadership(null, false);
  }

  private final CuratorFramework client;
  private final ReplicaInfo self;
  private final Executor events;
  private final Clock clock;
  private final LeaderLatch latch;
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
  private final AtomicReference<Leadership> leadership = new AtomicReference<>(Leadership.FOLLOWER);
  private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();

  CuratorLeaderElection(
      CuratorFramework client, String electionPath, ReplicaInfo self, Executor events, Clock clock) {
    if (client.getConnectionStateErrorPolicy().isErrorState(ConnectionState.SUSPENDED)) {
      throw new IllegalArgumentException(
          "leader election needs a ZooKeeper client built with SessionConnectionStateErrorPolicy,"
              + " so that a suspended connection pauses the leader instead of deposing it");
    }
    this.client = client;
    this.self = self;
    this.events = events;
    this.clock = clock;
    this.latch = new LeaderLatch(client, electionPath, self.encode(), LeaderLatch.CloseMode.SILENT);
  }

  @Override
  public void start() throws Exception {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
      throw new IllegalStateException("leader election already started or closed");
    }
    client.getConnectionStateListenable().addListener((c, state) -> onConnection(state), events);
    latch.addListener(
        new LeaderLatchListener() {
          @Override
          public void isLeader() {
            tryElect();
          }

          @Override
          public void notLeader() {
            revoke("the election node is no longer the leader");
          }
        },
        events);
    latch.start();
  }

  @Override
  public void addListener(LeadershipListener listener) {
    listeners.add(listener);
  }

  @Override
  public ReplicaInfo self() {
    return self;
  }

  @Override
  public CuratorFramework client() {
    return client;
  }

  @Override
  public Optional<LeaderTerm> currentTerm() {
    return Optional.ofNullable(leadership.get().term());
  }

  @Override
  public boolean isSuspended() {
    return leadership.get().suspended();
  }

  @Override
  public boolean isClosing() {
    return lifecycle.get() == Lifecycle.CLOSED;
  }

  @Override
  public Optional<ReplicaInfo> currentLeader() throws Exception {
    Participant leader = latch.getLeader();
    return leader.isLeader() ? ReplicaInfo.decode(leader.getId()) : Optional.empty();
  }

  @Override
  public List<ElectionMember> members() throws Exception {
    List<ElectionMember> members = new ArrayList<>();
    for (Participant p : latch.getParticipants()) {
      ReplicaInfo.decode(p.getId()).ifPresent(r -> members.add(new ElectionMember(r, p.isLeader())));
    }
    return members;
  }

  @Override
  public void close() {
    if (!lifecycle.compareAndSet(Lifecycle.STARTED, Lifecycle.CLOSED)) {
      lifecycle.set(Lifecycle.CLOSED);
      return;
    }
    // Stop acting first, on the event executor so it is ordered after pending events; only then
    // delete the node, which is what lets the next replica take over.
    try {
      CompletableFuture.runAsync(() -> revoke("shutting down"), events)
          .get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.warn("listeners did not stop within {}s; leaving the election anyway", CLOSE_TIMEOUT_SECONDS, e);
    }
    try {
      latch.close();
    } catch (java.io.IOException | IllegalStateException e) {
      LOG.warn("leaving the election failed; the node goes when the session closes", e);
    }
  }

  /** Runs on the event executor. */
  private void onConnection(ConnectionState state) {
    Leadership now = leadership.get();
    switch (state) {
      case SUSPENDED -> {
        if (now.term() != null && !now.suspended()) {
          leadership.set(new Leadership(now.term(), true));
          LOG.warn("ZooKeeper connection suspended: pausing leader duties");
          listeners.forEach(LeadershipListener::suspended);
        }
      }
      case RECONNECTED -> {
        if (now.term() != null) {
          if (sessionId() != now.term().sessionId()) {
            revoke("reconnected with a new ZooKeeper session");
          } else if (now.suspended()) {
            leadership.set(new Leadership(now.term(), false));
            LOG.info("ZooKeeper connection restored within the session: resuming leader duties");
            listeners.forEach(LeadershipListener::resumed);
          }
        } else if (latch.hasLeadership()) {
          tryElect();
        }
      }
      case LOST -> revoke("ZooKeeper session lost");
      default -> {}
    }
  }

  /** Runs on the event executor: the latch says we lead; confirm our node is ours, then take it. */
  private void tryElect() {
    if (lifecycle.get() != Lifecycle.STARTED || leadership.get().term() != null) {
      return;
    }
    String path = latch.getOurPath();
    try {
      long session = sessionId();
      Stat stat = path == null ? null : client.checkExists().forPath(path);
      if (stat == null || stat.getEphemeralOwner() != session) {
        LOG.warn("the latch reports leadership but node {} is not owned by session {}; waiting", path, session);
        return;
      }
      LeaderTerm term = new LeaderTerm(path, stat.getVersion(), session, clock.instant());
      if (!latch.hasLeadership() || !leadership.compareAndSet(Leadership.FOLLOWER, new Leadership(term, false))) {
        return;
      }
      LOG.info("elected leader as {} (node {}, session 0x{})", self.id(), path, Long.toHexString(session));
      listeners.forEach(l -> l.elected(term));
    } catch (Exception e) {
      LOG.warn("could not confirm leadership on node {}; trying again when the connection is back", path, e);
    }
  }

  /** Runs on the event executor. */
  private void revoke(String reason) {
    Leadership old = leadership.getAndSet(Leadership.FOLLOWER);
    if (old.term() != null) {
      if (isClosing()) {
        LOG.info("leadership handed over: {}", reason); // a planned stop, nothing to warn of
      } else {
        LOG.warn("leadership revoked: {}", reason);
      }
      listeners.forEach(l -> l.revoked(reason));
    }
  }

  /** The client's current session id, or 0 (never a real session) when there is none. */
  private long sessionId() {
    try {
      return client.getZookeeperClient().getZooKeeper().getSessionId();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      return 0;
    }
  }
}
