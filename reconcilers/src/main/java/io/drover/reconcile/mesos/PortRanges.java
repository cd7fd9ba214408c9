package io.drover.reconcile.mesos;

import com.google.common.collect.DiscreteDomain;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import org.apache.mesos.v1.Protos.Value;

/** Conversions between Mesos {@code Value.Ranges} and canonical guava range sets of ports. */
public final class PortRanges {

  private PortRanges() {}

  public static ImmutableRangeSet<Long> of(Value.Ranges ranges) {
    RangeSet<Long> set = TreeRangeSet.create();
    for (Value.Range r : ranges.getRangeList()) {
      if (r.getBegin() <= r.getEnd()) {
        set.add(Range.closed(r.getBegin(), r.getEnd()).canonical(DiscreteDomain.longs()));
      }
    }
    return ImmutableRangeSet.copyOf(set);
  }

  public static Value.Ranges toMesos(RangeSet<Long> set) {
    Value.Ranges.Builder b = Value.Ranges.newBuilder();
    for (Range<Long> r : set.asRanges()) {
      Range<Long> c = r.canonical(DiscreteDomain.longs());
      b.addRange(
          Value.Range.newBuilder().setBegin(c.lowerEndpoint()).setEnd(c.upperEndpoint() - 1));
    }
    return b.build();
  }

  /** The lowest port in the set, or -1 when it is empty. */
  public static long lowest(RangeSet<Long> set) {
    if (set.isEmpty()) {
      return -1;
    }
    return set.span().canonical(DiscreteDomain.longs()).lowerEndpoint();
  }

  /** The one-port range, in canonical form. */
  public static Range<Long> single(long port) {
    return Range.closed(port, port).canonical(DiscreteDomain.longs());
  }
}
