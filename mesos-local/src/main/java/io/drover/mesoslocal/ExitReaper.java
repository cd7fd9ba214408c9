package io.drover.mesoslocal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills the process trees of running tasks when the JVM exits (normally, or on SIGTERM/SIGINT).
 * mesos-local's agents live in this JVM, so its exit is the agent host going away; without this, a
 * test run stopped half-way left task processes running and holding their ports for the next run.
 * Only SIGKILL of the JVM escapes it.
 */
final class ExitReaper {

  private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExitReaper::reapAll, "mesos-local-exit-reaper"));
  }

  private ExitReaper() {}

  static void track(ProcessHandle root) {
    LIVE.add(root);
  }

  static void untrack(ProcessHandle root) {
    LIVE.remove(root);
  }

  /** SIGKILL to every tracked tree; what the shutdown hook runs. */
  static void reapAll() {
    List.copyOf(LIVE).forEach(ProcessTree::kill);
    LIVE.clear();
  }
}
