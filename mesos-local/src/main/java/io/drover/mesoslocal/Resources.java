package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * An immutable bag of Mesos resources, merged by identity (see {@link #identity}), with the arithmetic the master needs:
 * sum, difference and containment. Scalars are kept in Mesos's fixed point (three decimals).
 * {@code SET} resources are not supported and are dropped by {@link #of}.
 */
final class Resources {

  private static final Resources EMPTY = new Resources(Map.of());

  /** Identity (quantity cleared) to the merged resource with that identity. */
  private final Map<Resource, Resource> byIdentity;

  private Resources(Map<Resource, Resource> byIdentity) {
    this.byIdentity = byIdentity;
  }

  static Resources empty() {
    return EMPTY;
  }

  static Resources of(Collection<Resource> resources) {
    Map<Resource, Resource> map = new LinkedHashMap<>();
    for (Resource r : resources) {
      add(map, ResourceFormat.normalize(r));
    }
    return new Resources(map);
  }

  /**
   * The sum of {@code parts}, merged into one map: the same as adding them one by one with {@link
   * #plus}, without copying the growing sum at each step (an agent's used resources are the sum of
   * hundreds of tasks' reservations).
   */
  static Resources sum(Collection<Resources> parts) {
    Map<Resource, Resource> map = new LinkedHashMap<>();
    for (Resources part : parts) {
      part.byIdentity.forEach((key, r) -> map.merge(key, r, Resources::sum));
    }
    return map.isEmpty() ? EMPTY : new Resources(map);
  }

  /** The identities of these resources (see {@link #identity}). */
  Set<Resource> identities() {
    return Collections.unmodifiableSet(byIdentity.keySet());
  }

  Resources plus(Resources other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Map<Resource, Resource> map = new LinkedHashMap<>(byIdentity);
    other.byIdentity.forEach((key, r) -> map.merge(key, r, Resources::sum));
    return new Resources(map);
  }

  /** This minus {@code other}, or empty when {@code other} is not contained in this. */
  Optional<Resources> minus(Resources other) {
    if (!contains(other)) {
      return Optional.empty();
    }
    Map<Resource, Resource> map = new LinkedHashMap<>(byIdentity);
    for (Map.Entry<Resource, Resource> e : other.byIdentity.entrySet()) {
      Resource mine = map.get(e.getKey());
      Resource rest = subtract(mine, e.getValue());
      if (isZero(rest)) {
        map.remove(e.getKey());
      } else {
        map.put(e.getKey(), rest);
      }
    }
    return Optional.of(new Resources(map));
  }

  /** This minus {@code other}, ignoring what is not contained. */
  Resources minusAvailable(Resources other) {
    Map<Resource, Resource> map = new LinkedHashMap<>(byIdentity);
    for (Map.Entry<Resource, Resource> e : other.byIdentity.entrySet()) {
      Resource mine = map.get(e.getKey());
      if (mine == null) {
        continue;
      }
      Resource rest = subtract(mine, e.getValue());
      if (isZero(rest) || isNegative(rest)) {
        map.remove(e.getKey());
      } else {
        map.put(e.getKey(), rest);
      }
    }
    return new Resources(map);
  }

  boolean contains(Resources other) {
    for (Map.Entry<Resource, Resource> e : other.byIdentity.entrySet()) {
      Resource mine = byIdentity.get(e.getKey());
      if (mine == null || !covers(mine, e.getValue())) {
        return false;
      }
    }
    return true;
  }

  Resources filter(Predicate<Resource> keep) {
    Map<Resource, Resource> map = new LinkedHashMap<>();
    byIdentity.forEach((k, v) -> {
      if (keep.test(v)) {
        map.put(k, v);
      }
    });
    return new Resources(map);
  }

  boolean isEmpty() {
    return byIdentity.isEmpty();
  }

  /** The total of a scalar resource over all reservations and volumes. */
  double scalar(String name) {
    double total = 0;
    for (Resource r : byIdentity.values()) {
      if (r.getName().equals(name) && r.getType() == Value.Type.SCALAR) {
        total += r.getScalar().getValue();
      }
    }
    return round(total);
  }

  /** All port ranges, whatever their reservation. */
  Value.Ranges ranges(String name) {
    Value.Ranges all = Value.Ranges.getDefaultInstance();
    for (Resource r : byIdentity.values()) {
      if (r.getName().equals(name) && r.getType() == Value.Type.RANGES) {
        all = Ranges.union(all, r.getRanges());
      }
    }
    return all;
  }

  List<Resource> toList() {
    return new ArrayList<>(byIdentity.values());
  }

  /** The resources with the given allocation role set, as offers and tasks carry them. */
  List<Resource> allocatedTo(String role) {
    Resource.AllocationInfo info = Resource.AllocationInfo.newBuilder().setRole(role).build();
    List<Resource> out = new ArrayList<>();
    byIdentity.values().forEach(r -> out.add(r.toBuilder().setAllocationInfo(info).build()));
    return out;
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }

  private static void add(Map<Resource, Resource> map, Resource r) {
    if (r.getType() == Value.Type.SET || isZero(r)) {
      return;
    }
    Resource key = identity(r);
    Resource existing = map.get(key);
    map.put(key, existing == null ? r : sum(existing, r));
  }

  /**
   * What makes two resources the same resource, as Mesos compares them: everything but the quantity
   * and the allocation info, except that a disk's {@code volume} (how a task mounts it) and its
   * persistence's principal are ignored, and labels compare as a set.
   */
  static Resource identity(Resource r) {
    Resource.Builder b = r.toBuilder().clearScalar().clearRanges().clearSet().clearAllocationInfo();
    if (b.hasDisk()) {
      Resource.DiskInfo.Builder disk = b.getDiskBuilder().clearVolume();
      if (disk.hasPersistence()) {
        disk.getPersistenceBuilder().clearPrincipal();
      }
    }
    for (Resource.ReservationInfo.Builder reservation : b.getReservationsBuilderList()) {
      if (reservation.hasLabels()) {
        List<Label> labels = new ArrayList<>(reservation.getLabels().getLabelsList());
        labels.sort(Comparator.comparing(Label::getKey).thenComparing(Label::getValue));
        reservation.setLabels(Labels.newBuilder().addAllLabels(labels));
      }
    }
    return b.build();
  }

  private static Resource sum(Resource a, Resource b) {
    if (a.getType() == Value.Type.SCALAR) {
      return a.toBuilder()
          .setScalar(Value.Scalar.newBuilder().setValue(round(a.getScalar().getValue() + b.getScalar().getValue())))
          .build();
    }
    return a.toBuilder().setRanges(Ranges.union(a.getRanges(), b.getRanges())).build();
  }

  private static Resource subtract(Resource a, Resource b) {
    if (a.getType() == Value.Type.SCALAR) {
      return a.toBuilder()
          .setScalar(Value.Scalar.newBuilder().setValue(round(a.getScalar().getValue() - b.getScalar().getValue())))
          .build();
    }
    return a.toBuilder().setRanges(Ranges.subtract(a.getRanges(), b.getRanges())).build();
  }

  private static boolean covers(Resource mine, Resource wanted) {
    if (mine.getType() == Value.Type.SCALAR) {
      return round(mine.getScalar().getValue() - wanted.getScalar().getValue()) >= 0;
    }
    return Ranges.contains(mine.getRanges(), wanted.getRanges());
  }

  private static boolean isZero(Resource r) {
    if (r.getType() == Value.Type.SCALAR) {
      return round(r.getScalar().getValue()) == 0;
    }
    return r.getType() == Value.Type.RANGES && Ranges.isEmpty(r.getRanges());
  }

  private static boolean isNegative(Resource r) {
    return r.getType() == Value.Type.SCALAR && round(r.getScalar().getValue()) < 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources other && other.byIdentity.equals(byIdentity);
  }

  @Override
  public int hashCode() {
    return byIdentity.hashCode();
  }

  @Override
  public String toString() {
    return ResourceFormat.describe(toList());
  }
}
