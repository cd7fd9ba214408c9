package io.drover.controller.mesos;

import java.net.URI;
import java.util.List;

/**
 * Where the Mesos masters are. {@code http://h:p[,h:p...]} is a fixed list (any member redirects
 * to the leader); {@code zk://[user:password@]h:p[,h:p...]/path} follows the masters' own
 * ZooKeeper registrations, the lowest {@code json.info_} sequence leading.
 *
 * <p>Thread-safe. Listeners run on the detector's thread and must return quickly.
 */
public interface MasterDetector extends AutoCloseable {

  /**
   * Master base URIs ({@code http://host:port}) to try in order, the believed leader first; empty
   * while no master is known.
   */
  List<URI> candidates();

  /** Starts watching; a fixed list has nothing to watch. */
  void start();

  /** {@code onLeaderChange} runs whenever the believed leader changes (not for fixed lists). */
  void onLeaderChange(Runnable onLeaderChange);

  /**
   * The candidate a SUBSCRIBE last succeeded through, so that a fixed list tries it first next
   * time; detectors that know the leader ignore it.
   */
  default void subscribedVia(URI candidate) {}

  /** Stops watching and releases connections. */
  @Override
  void close();

  /**
   * A detector for a master URL.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code url}
   */
  static MasterDetector forUrl(String url) {
    String trimmed = url.trim();
    if (trimmed.startsWith("zk://")) {
      return ZooKeeperMasterDetector.forUrl(trimmed);
    }
    return StaticMasterDetector.forUrl(trimmed);
  }
}
