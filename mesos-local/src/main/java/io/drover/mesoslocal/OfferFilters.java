package io.drover.mesoslocal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Refusal filters from DECLINE and ACCEPT ({@code Filters.refuse_seconds}, 5 s by default): a
 * framework is not offered an agent's resources for a role while they are contained in what it
 * refused, as Mesos's allocator does. REVIVE removes them. Owned by the master loop.
 */
final class OfferFilters {

  /** Mesos's default {@code Filters.refuse_seconds}. */
  static final double DEFAULT_REFUSE_SECONDS = 5.0;

  private record Key(String frameworkId, String role, String agentId) {}

  private static final class Filter {
    final Resources refused;
    ScheduledFuture<?> expiry;

    Filter(Resources refused) {
      this.refused = refused;
    }
  }

  private final MasterLoop loop;
  private final Runnable onExpiry;
  private final Map<Key, List<Filter>> filters = new HashMap<>();

  OfferFilters(MasterLoop loop, Runnable onExpiry) {
    this.loop = loop;
    this.onExpiry = onExpiry;
  }

  /** Installs a filter; nothing happens for a non-positive duration. */
  void refuse(String frameworkId, String role, String agentId, Resources refused, double seconds) {
    if (!(seconds > 0) || refused.isEmpty()) {
      return;
    }
    Key key = new Key(frameworkId, role, agentId);
    Filter filter = new Filter(refused);
    filters.computeIfAbsent(key, k -> new ArrayList<>()).add(filter);
    long nanos = (long) Math.min(seconds * 1e9, Duration.ofDays(365).toNanos());
    filter.expiry = loop.schedule(Duration.ofNanos(nanos), () -> {
      List<Filter> list = filters.get(key);
      if (list != null && list.remove(filter)) {
        if (list.isEmpty()) {
          filters.remove(key);
        }
        onExpiry.run();
      }
    });
  }

  boolean isFiltered(String frameworkId, String role, String agentId, Resources offerable) {
    List<Filter> list = filters.get(new Key(frameworkId, role, agentId));
    if (list == null) {
      return false;
    }
    for (Filter f : list) {
      if (f.refused.contains(offerable)) {
        return true;
      }
    }
    return false;
  }

  /** Removes the framework's filters for the given roles (all roles when empty). */
  void clear(String frameworkId, List<String> roles) {
    filters.entrySet().removeIf(e -> {
      boolean match = e.getKey().frameworkId.equals(frameworkId) && (roles.isEmpty() || roles.contains(e.getKey().role));
      if (match) {
        e.getValue().forEach(f -> f.expiry.cancel(false));
      }
      return match;
    });
  }

  void clearAll() {
    filters.values().forEach(list -> list.forEach(f -> f.expiry.cancel(false)));
    filters.clear();
  }
}
