package io.drover.reconcile.service;

import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When a teardown is over: every task ended and every reservation released (or gone with its
 * agent); or, after the deadline, force-completed with a message that says what was left behind.
 */
final class Teardown {

  private Teardown() {}

  static Optional<Decisions.Uninstalled> outcome(ServiceRecord s, Instant now, Instant deadline) {
    if (s.tasks().values().stream().allMatch(TaskRecord::retired)) {
      return Optional.of(new Decisions.Uninstalled(false, "uninstalled: every task ended and every reservation was released"));
    }
    if (now.isBefore(deadline)) {
      return Optional.empty();
    }
    int running = 0;
    int reservations = 0;
    TreeSet<String> agents = new TreeSet<>();
    for (TaskRecord r : s.tasks().values()) {
      if (r.retired()) {
        continue;
      }
      if (!r.condition().terminal()) {
        running++;
      }
      reservations += r.heldIds().size();
      agents.add(r.hostname().isEmpty() ? r.agentId().getValue() : r.hostname());
    }
    return Optional.of(
        new Decisions.Uninstalled(
            true,
            "uninstall force-completed after the timeout: "
                + running + " task(s) not confirmed ended and "
                + reservations + " reservation(s) not released on " + agents
                + "; they are cleaned up if those agents come back"));
  }
}
