package io.drover.controller.ha;

import io.drover.controller.store.StoreConnection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;

/**
 * Leader election among the controller replicas, behind a domain interface so that the rest of
 * the controller deals in terms and listener callbacks rather than Curator recipes.
 *
 * <p>Backed by Curator's {@code LeaderLatch}: each replica owns one ephemeral sequential node under
 * the election path and the lowest one leads. The latch (rather than {@code LeaderSelector}) fits
 * because leadership here is a state the whole process reacts to, not a task run on a thread the
 * recipe owns; because it exposes our own node, which every fenced write checks; and because the
 * node's payload carries the replica's HTTP address for {@code /v1/leader}.
 *
 * <p>Connection handling: SUSPENDED pauses the leader ({@link LeadershipListener#suspended}),
 * RECONNECTED within the same session resumes it, LOST (the session expired, or Curator gave up on
 * it after the session timeout) revokes leadership. The client must therefore be built with
 * Curator's {@code SessionConnectionStateErrorPolicy}, so that the latch itself does not drop
 * leadership on a mere suspension. {@link #close} hands leadership over at once by deleting the
 * node, after the listeners have stopped acting.
 *
 * <p>Thread-safe.
 */
public interface LeaderElection extends AutoCloseable {

  /**
   * @param electionPath e.g. {@code /drover/leader}
   * @param events a serial executor on which listener callbacks run
   * @throws IllegalArgumentException when the client treats SUSPENDED as an error state
   */
  static LeaderElection create(
      CuratorFramework client, String electionPath, ReplicaInfo self, Executor events, Clock clock) {
    return new CuratorLeaderElection(client, electionPath, self, events, clock);
  }

  /** An election among the replicas connected through {@code store}, under its leader path. */
  static LeaderElection create(StoreConnection store, ReplicaInfo self, Executor events, Clock clock) {
    return create(store.client(), store.paths().leader(), self, events, clock);
  }

  /** Joins the election. */
  void start() throws Exception;

  /** Registers a listener; events before registration are not replayed. */
  void addListener(LeadershipListener listener);

  /** This replica. */
  ReplicaInfo self();

  /** The client the election runs on. */
  CuratorFramework client();

  /** The current term while this replica leads (also while suspended), else empty. */
  Optional<LeaderTerm> currentTerm();

  /** True while leading with the connection suspended. */
  boolean isSuspended();

  /**
   * True once {@link #close} has begun: the replica is handing its term over on purpose, so writes
   * refused from then on are expected, not a sign of a deposition.
   */
  boolean isClosing();

  /**
   * The current leader as recorded in ZooKeeper (a read), or empty when there is none.
   *
   * @throws Exception when ZooKeeper cannot be read
   */
  Optional<ReplicaInfo> currentLeader() throws Exception;

  /**
   * Every replica in the election as recorded in ZooKeeper (a read of each node), in election
   * order, the leader first once one is elected. Nodes not written by a Drover replica are left out.
   *
   * @throws Exception when ZooKeeper cannot be read
   */
  List<ElectionMember> members() throws Exception;

  /** Stops acting (listeners get {@code revoked}), then leaves the election so another takes over. */
  @Override
  void close();
}
