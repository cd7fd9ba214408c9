package io.drover.controller.ha;

import io.drover.controller.store.StoreException;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.zookeeper.KeeperException;

/**
 * Who leads, read from the election nodes by a process that does not take part in the election
 * (the CLI): the lowest node's payload, as {@link CuratorLeaderElection} reads it for
 * {@code GET /v1/leader}.
 */
public final class LeaderLookup {

  private LeaderLookup() {}

  /**
   * The leading replica, or empty while none is elected.
   *
   * @param electionPath the election's parent node ({@code StorePaths.leader()})
   */
  public static Optional<ReplicaInfo> current(CuratorFramework client, String electionPath)
      throws StoreException {
    try {
      // A latch that is never started only reads the participants' nodes: it takes no part.
      Participant leader = new LeaderLatch(client, electionPath).getLeader();
      return leader.isLeader() ? ReplicaInfo.decode(leader.getId()) : Optional.empty();
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
      throw new StoreException(StoreException.Code.UNAVAILABLE, "reading who leads at "
          + electionPath + ": lost the connection to ZooKeeper; check that it is up and retry", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Code.FAILED, "interrupted reading " + electionPath, e);
    } catch (Exception e) {
      throw new StoreException(StoreException.Code.FAILED,
          "cannot read who leads at " + electionPath + ": " + e.getMessage(), e);
    }
  }
}
