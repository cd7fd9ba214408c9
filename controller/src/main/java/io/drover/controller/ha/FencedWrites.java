package io.drover.controller.ha;

import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.FencedWriteException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's {@link ControllerWrites}: every commit is one multi-op that starts with a check of
 * the current term's election node (path and version). ZooKeeper deletes that ephemeral node when
 * its session ends, and no other replica can lead while it exists, so the check makes a write from
 * a deposed leader fail atomically with nothing applied. Before sending, the term and the client's
 * current session are compared too: a client that reconnected with a new session is no longer the
 * term's owner, even while the old node lingers until the server expires it.
 *
 * <p>Refused writes are logged, counted ({@code drover.fenced.writes}, exported to Prometheus as
 * {@code drover_fenced_writes_total}; those of them ZooKeeper refused, by the check on the election
 * node, also in {@code drover_fenced_writes_by_zookeeper_total}) and thrown as {@link
 * FencedWriteException}; they are never retried here. Writes refused once the replica has begun
 * to shut down are neither logged as errors nor counted: they end a term handed over on purpose
 * ({@link FencedWriteException#shuttingDown()}). Thread-safe.
 */
public final class FencedWrites implements ControllerWrites {
  private static final Logger LOG = LoggerFactory.getLogger(FencedWrites.class);

  private final LeaderElection election;
  private final Counter refused;
  private final Counter refusedByZooKeeper;

  public FencedWrites(LeaderElection election, MeterRegistry metrics) {
    this.election = election;
    this.refused =
        Counter.builder("drover.fenced.writes")
            .description("controller writes refused because this replica was no longer the leader")
            .register(metrics);
    this.refusedByZooKeeper =
        Counter.builder("drover.fenced.writes.by.zookeeper")
            .description("of the refused writes, those that passed this replica's own checks and that"
                + " ZooKeeper refused by the check on the term's election node")
            .register(metrics);
  }

  @Override
  public CuratorFramework client() {
    return election.client();
  }

  @Override
  public List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws Exception {
    LeaderTerm term = election.currentTerm().orElse(null);
    if (term == null) {
      throw refuse("this replica is not the leader", null, false);
    }
    long session = client().getZookeeperClient().getZooKeeper().getSessionId();
    if (session != term.sessionId()) {
      throw refuse(sessionChanged(term, session), null, false);
    }
    return commitChecked(client(), term, ops);
  }

  /**
   * Not elected, deposed, suspended, disconnected, or on another session. A suspended or
   * disconnected leader may have lost its session without knowing yet; the connection is asked
   * directly because the suspension reaches the election on its event thread, which a process just
   * resumed from a freeze may run a second or more late, while its Mesos client is already at work.
   */
  @Override
  public Optional<String> notLeadingBecause() {
    Optional<LeaderTerm> term = election.currentTerm();
    if (term.isEmpty()) {
      return Optional.of("this replica is not the leader");
    }
    if (election.isSuspended()) {
      return Optional.of("the ZooKeeper connection is suspended; the leader term may be over");
    }
    if (!client().getZookeeperClient().isConnected()) {
      return Optional.of("the ZooKeeper connection is down; the leader term may be over");
    }
    long session;
    try {
      session = client().getZookeeperClient().getZooKeeper().getSessionId();
    } catch (Exception e) {
      return Optional.of("the ZooKeeper session is unknown (" + e + "); the leader term may be over");
    }
    return session == term.get().sessionId() ? Optional.empty() : Optional.of(sessionChanged(term.get(), session));
  }

  private static String sessionChanged(LeaderTerm term, long session) {
    return "the ZooKeeper session changed (0x" + Long.toHexString(term.sessionId()) + " -> 0x"
        + Long.toHexString(session) + "); the leader term is over";
  }

  /** The atomic part: the check on the term's node plus the operations, in one multi-op. */
  List<CuratorTransactionResult> commitChecked(CuratorFramework client, LeaderTerm term, List<CuratorOp> ops) throws Exception {
    List<CuratorOp> fenced = new ArrayList<>(ops.size() + 1);
    fenced.add(client.transactionOp().check().withVersion(term.nodeVersion()).forPath(term.nodePath()));
    fenced.addAll(ops);
    try {
      return client.transaction().forOperations(fenced);
    } catch (KeeperException e) {
      List<OpResult> results = e.getResults();
      boolean checkFailed =
          results != null
              && !results.isEmpty()
              && results.get(0) instanceof OpResult.ErrorResult first
              && first.getErr() != KeeperException.Code.OK.intValue();
      if (checkFailed) {
        throw refuse("election node " + term.nodePath() + " is gone or changed; another replica leads", e, true);
      }
      throw e;
    }
  }

  /** @param byZooKeeper ZooKeeper refused it, by the check on the election node */
  private FencedWriteException refuse(String why, Throwable cause, boolean byZooKeeper) {
    if (election.isClosing()) {
      // The term is being handed over on purpose: neither an error nor a deposition to count.
      LOG.debug("not writing: this replica is shutting down ({})", why);
      return new FencedWriteException("write refused: this replica is shutting down", cause, true);
    }
    refused.increment();
    if (byZooKeeper) {
      refusedByZooKeeper.increment();
    }
    LOG.error("refused a controller write: {}", why);
    return new FencedWriteException("write refused: " + why, cause);
  }
}
