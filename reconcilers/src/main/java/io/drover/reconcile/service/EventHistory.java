package io.drover.reconcile.service;

import io.drover.api.status.ServiceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A service's latest events, oldest first, at most {@link #SIZE} (a ring: the oldest go first), each
 * message at most {@link #MESSAGE_LIMIT} characters. Immutable.
 */
public record EventHistory(List<ServiceEvent> events) {
  /** How many events a service keeps. */
  public static final int SIZE = 50;
  /** Longer messages are cut, so that the history stays small in the status node. */
  static final int MESSAGE_LIMIT = 400;

  public static final EventHistory EMPTY = new EventHistory(List.of());

  public EventHistory {
    events = List.copyOf(events);
  }

  /** This history with {@code more} appended, the oldest dropped beyond {@link #SIZE}. */
  public EventHistory with(List<ServiceEvent> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<ServiceEvent> all = new ArrayList<>(events);
    more.forEach(e -> all.add(bounded(e)));
    return new EventHistory(all.subList(Math.max(0, all.size() - SIZE), all.size()));
  }

  /**
   * The history a status shows: the events already stored there (written by this leader or an
   * earlier one) and the scheduler's, each once, in time order, the newest {@link #SIZE}. So the
   * history survives a failover although each scheduler keeps its own in memory.
   */
  public static List<ServiceEvent> merge(List<ServiceEvent> stored, List<ServiceEvent> observed) {
    LinkedHashSet<ServiceEvent> all = new LinkedHashSet<>(stored == null ? List.of() : stored);
    all.addAll(observed);
    // Each time parsed once, not twice per comparison: every reconcile merges up to 2 x SIZE events.
    List<Timed> sorted = new ArrayList<>(all.size());
    all.forEach(e -> sorted.add(new Timed(Instant.parse(e.time()), e)));
    sorted.sort(Comparator.comparing(Timed::time));
    return sorted.subList(Math.max(0, sorted.size() - SIZE), sorted.size()).stream().map(Timed::event).toList();
  }

  private record Timed(Instant time, ServiceEvent event) {}

  private static ServiceEvent bounded(ServiceEvent e) {
    String m = e.message();
    if (m == null || m.length() <= MESSAGE_LIMIT) {
      return e;
    }
    return new ServiceEvent(e.time(), e.type(), e.subject(), m.substring(0, MESSAGE_LIMIT - 3) + "...");
  }
}
