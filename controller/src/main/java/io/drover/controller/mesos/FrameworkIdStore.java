package io.drover.controller.mesos;

import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * Where the scheduler client keeps its FrameworkID, so that restarts and leader changes continue
 * the same framework: read before the first SUBSCRIBE, written at the first SUBSCRIBED, retired
 * when Mesos removed the framework. Blocking; called from the client's dispatch thread and connect
 * path only.
 */
public interface FrameworkIdStore {

  /** Where the id lives, for messages (e.g. a ZooKeeper path). */
  String location();

  /** The stored id, or empty when there is none yet. */
  Optional<FrameworkID> load() throws Exception;

  /**
   * Stores the id.
   *
   * @throws Refused when this process may no longer write (another replica leads): the client stops acting
   */
  void store(FrameworkID id) throws Exception;

  /** Forgets the id of a framework Mesos removed; the next SUBSCRIBE registers a new framework. */
  void retire() throws Exception;

  /** The write was refused because this process no longer owns the framework; nothing was written. */
  final class Refused extends Exception {
    public Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
