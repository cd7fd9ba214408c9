package io.drover.controller.ha;

/**
 * Leadership changes, delivered one at a time, in order, on the election's event executor (never
 * on a ZooKeeper or Curator thread). A listener may block briefly, e.g. to stop its work, since the
 * next event waits for it.
 */
public interface LeadershipListener {

  /** This replica leads from now on; fenced writes go through for this term. */
  default void elected(LeaderTerm term) {}

  /**
   * The connection to ZooKeeper is suspended: this replica may have been deposed without knowing.
   * Stop issuing actions until {@link #resumed} or {@link #revoked}.
   */
  default void suspended() {}

  /** Reconnected within the same session: still the leader, act again. */
  default void resumed() {}

  /**
   * Leadership is over (session lost, node gone, or shutting down). Stop everything done as leader;
   * fenced writes of the term are refused from now on.
   */
  default void revoked(String reason) {}
}
