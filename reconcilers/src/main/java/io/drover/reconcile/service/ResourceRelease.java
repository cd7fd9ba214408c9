package io.drover.reconcile.service;

import com.google.common.collect.ImmutableRangeSet;
import io.drover.reconcile.mesos.Operations;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Releases this service's offered reservations that nothing expects any more (DESTROY, then
 * UNRESERVE): everything during a teardown; otherwise reservations of ended tasks the spec no longer
 * has, of ended instances being replaced, and ids no record knows (leftovers of replaced instances,
 * of resizes, of crashed launches). Marks the released ids on the records that own them.
 */
final class ResourceRelease {

  record Result(ServiceRecord record, List<OfferPool> pools) {}

  private ResourceRelease() {}

  static Result release(ServiceRecord s, List<OfferPool> pools) {
    Set<String> expected = expected(s);
    Set<String> released = new HashSet<>();
    List<OfferPool> out = new ArrayList<>();
    for (OfferPool pool : pools) {
      List<Resource> victims = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      for (Resource r : pool.reservedFor(s.name())) {
        String id = ReservationLabels.resourceId(r).orElse(null);
        if (id != null && !expected.contains(id)) {
          victims.add(r);
          ids.add(id);
        }
      }
      if (victims.isEmpty()) {
        out.add(pool);
      } else {
        out.add(pool.after(Operations.release(victims), Map.of(), ImmutableRangeSet.of(), ids));
        released.addAll(ids);
      }
    }
    ServiceRecord next =
        released.isEmpty()
            ? s
            : s.mapTasks(r -> owns(r, released) ? r.withReleased(intersect(r, released)) : r);
    return new Result(next, out);
  }

  /** Whether some of this record's reservations still have to be released. */
  static boolean pending(ServiceRecord s) {
    for (TaskRecord r : s.tasks().values()) {
      if (releasable(s, r) && !r.retired()) {
        return true;
      }
    }
    return false;
  }

  /** Reservation ids still in use or to be reused. */
  static Set<String> expected(ServiceRecord s) {
    Set<String> ids = new HashSet<>();
    if (s.uninstalling()) {
      return ids;
    }
    for (TaskRecord r : s.tasks().values()) {
      if (!releasable(s, r)) {
        ids.addAll(r.unreleasedIds());
      }
    }
    return ids;
  }

  /** An ended task whose reservations are not coming back into use. */
  static boolean releasable(ServiceRecord s, TaskRecord r) {
    return r.condition().terminal() && (s.uninstalling() || r.replace() || KillPlanner.orphan(s, r));
  }

  private static boolean owns(TaskRecord r, Set<String> ids) {
    return !intersect(r, ids).isEmpty();
  }

  private static Set<String> intersect(TaskRecord r, Set<String> ids) {
    Set<String> mine = r.resourceIds();
    mine.retainAll(ids);
    return mine;
  }
}
