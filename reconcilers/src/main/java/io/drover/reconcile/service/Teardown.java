package io.drover.reconcile.service;

import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When a teardown is over: every task ended and every reservation released, except what is left on
 * agents that are lost ({@link LostAgents}: gone, or unreachable past their pod's limit), which
 * nobody waits for; or, after the deadline, force-completed. The message says what was left behind;
 * it is garbage collected if those agents come back.
 */
final class Teardown {

  private Teardown() {}

  static Optional<Decisions.Uninstalled> outcome(ServiceRecord s, Instant now, Instant deadline) {
    Leftovers lost = new Leftovers();
    boolean waiting = false;
    for (TaskRecord r : s.tasks().values()) {
      if (LostAgents.lost(s.target().spec(), r, now)) {
        lost.add(r);
      } else {
        waiting |= !r.retired();
      }
    }
    if (!waiting) {
      return Optional.of(new Decisions.Uninstalled(false, lost.empty()
          ? "uninstalled: every task ended and every reservation was released"
          : "uninstalled without waiting for lost agents: " + lost + "; they are cleaned up if those agents come back"));
    }
    if (now.isBefore(deadline)) {
      return Optional.empty();
    }
    Leftovers left = new Leftovers();
    s.tasks().values().stream().filter(r -> !r.retired() || LostAgents.lost(s.target().spec(), r, now)).forEach(left::add);
    return Optional.of(new Decisions.Uninstalled(true,
        "uninstall force-completed after the timeout: " + left + "; they are cleaned up if those agents come back"));
  }

  /** What some task records still hold, in words. */
  private static final class Leftovers {
    private int running;
    private int reservations;
    private final TreeSet<String> agents = new TreeSet<>();

    void add(TaskRecord r) {
      if (!r.condition().terminal()) {
        running++;
      }
      reservations += r.heldIds().size();
      agents.add(r.hostname().isEmpty() ? r.agentId().getValue() : r.hostname());
    }

    boolean empty() {
      return agents.isEmpty();
    }

    @Override
    public String toString() {
      return running + " task(s) not confirmed ended and " + reservations + " reservation(s) not released on " + agents;
    }
  }
}
