package io.drover.mesoslocal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signals a process and all its descendants. Children are found through {@link ProcessHandle}
 * snapshots, taken before signalling (a child re-parented after its parent died is no longer a
 * descendant) and again at escalation.
 */
final class ProcessTree {

  private ProcessTree() {}

  /** SIGTERM to the tree now, SIGKILL to whatever of it is still alive after {@code grace}. */
  static void terminate(ProcessHandle root, Duration grace, ScheduledExecutorService timers) {
    Set<ProcessHandle> tree = snapshot(root);
    tree.forEach(ProcessHandle::destroy);
    timers.schedule(() -> {
      Set<ProcessHandle> now = new LinkedHashSet<>(tree);
      now.addAll(snapshot(root));
      now.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }, Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL to the whole tree now. */
  static void kill(ProcessHandle root) {
    snapshot(root).forEach(ProcessHandle::destroyForcibly);
  }

  /** The root and its descendants, children first so none is re-parented before it is seen. */
  static Set<ProcessHandle> snapshot(ProcessHandle root) {
    List<ProcessHandle> descendants = new ArrayList<>(root.descendants().toList());
    Set<ProcessHandle> all = new LinkedHashSet<>(descendants);
    all.add(root);
    return all;
  }
}
