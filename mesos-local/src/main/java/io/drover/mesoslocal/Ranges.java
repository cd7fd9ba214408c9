package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.mesos.v1.Protos.Value;

/** Interval arithmetic on Mesos {@code RANGES} values (port ranges), always kept sorted and merged. */
final class Ranges {

  private Ranges() {}

  /** Sorts and merges overlapping or adjacent ranges. */
  static Value.Ranges normalize(Value.Ranges ranges) {
    List<Value.Range> sorted = new ArrayList<>(ranges.getRangeList());
    sorted.sort(Comparator.comparingLong(Value.Range::getBegin));
    List<Value.Range> merged = new ArrayList<>();
    for (Value.Range r : sorted) {
      if (r.getEnd() < r.getBegin()) {
        continue;
      }
      if (!merged.isEmpty() && r.getBegin() <= merged.get(merged.size() - 1).getEnd() + 1) {
        Value.Range last = merged.remove(merged.size() - 1);
        merged.add(range(last.getBegin(), Math.max(last.getEnd(), r.getEnd())));
      } else {
        merged.add(r);
      }
    }
    return Value.Ranges.newBuilder().addAllRange(merged).build();
  }

  static Value.Ranges union(Value.Ranges a, Value.Ranges b) {
    return normalize(a.toBuilder().addAllRange(b.getRangeList()).build());
  }

  /** True when every number in {@code inner} is in {@code outer}. */
  static boolean contains(Value.Ranges outer, Value.Ranges inner) {
    Value.Ranges o = normalize(outer);
    for (Value.Range r : normalize(inner).getRangeList()) {
      boolean covered = false;
      for (Value.Range candidate : o.getRangeList()) {
        if (candidate.getBegin() <= r.getBegin() && r.getEnd() <= candidate.getEnd()) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  /** {@code a} minus {@code b}; numbers of {@code b} absent from {@code a} are ignored. */
  static Value.Ranges subtract(Value.Ranges a, Value.Ranges b) {
    List<Value.Range> result = new ArrayList<>(normalize(a).getRangeList());
    for (Value.Range cut : normalize(b).getRangeList()) {
      List<Value.Range> next = new ArrayList<>();
      for (Value.Range r : result) {
        if (cut.getEnd() < r.getBegin() || cut.getBegin() > r.getEnd()) {
          next.add(r);
          continue;
        }
        if (r.getBegin() < cut.getBegin()) {
          next.add(range(r.getBegin(), cut.getBegin() - 1));
        }
        if (cut.getEnd() < r.getEnd()) {
          next.add(range(cut.getEnd() + 1, r.getEnd()));
        }
      }
      result = next;
    }
    return Value.Ranges.newBuilder().addAllRange(result).build();
  }

  static boolean isEmpty(Value.Ranges ranges) {
    return ranges.getRangeCount() == 0;
  }

  static Value.Range range(long begin, long end) {
    return Value.Range.newBuilder().setBegin(begin).setEnd(end).build();
  }

  static String format(Value.Ranges ranges) {
    StringBuilder out = new StringBuilder("[");
    for (Value.Range r : ranges.getRangeList()) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(r.getBegin()).append('-').append(r.getEnd());
    }
    return out.append(']').toString();
  }
}
