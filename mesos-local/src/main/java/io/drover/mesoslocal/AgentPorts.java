package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Gives each agent its own slice of the configured port ranges. mesos-local's agents run their
 * tasks on this one machine, where a port can be bound only once: two agents offering the same
 * port would let a scheduler place two tasks on it (for example one per host with
 * {@code maxPerHost: 1}), and the second could never bind. Several real agents on one host are
 * configured the same way, each with its own {@code --resources=ports:[...]}. Agent {@code i} of
 * {@code n} gets the {@code i}-th of {@code n} consecutive, (nearly) equal slices of each ports
 * resource; every other resource is unchanged. Pure functions.
 */
final class AgentPorts {

  private AgentPorts() {}

  /** Agent {@code agent}'s resources when {@code agents} agents share the machine's ports. */
  static List<Resource> share(List<Resource> resources, int agent, int agents) {
    List<Resource> out = new ArrayList<>(resources.size());
    for (Resource r : resources) {
      out.add(isPorts(r) ? r.toBuilder().setRanges(slice(r.getRanges(), agent, agents)).build() : r);
    }
    return out;
  }

  /** Fails, saying what to change, when a ports resource has fewer ports than there are agents. */
  static void checkShareable(List<Resource> resources, int agents) {
    for (Resource r : resources) {
      if (isPorts(r) && count(r.getRanges()) < agents) {
        throw new IllegalArgumentException("agent resources " + ResourceFormat.describe(List.of(r)) + " hold "
            + count(r.getRanges()) + " port(s), fewer than the " + agents + " agents that share this machine's"
            + " ports: give at least one port per agent, or run without processes");
      }
    }
  }

  private static boolean isPorts(Resource r) {
    return r.getName().equals("ports") && r.getType() == Value.Type.RANGES;
  }

  private static long count(Value.Ranges ranges) {
    long n = 0;
    for (Value.Range r : Ranges.normalize(ranges).getRangeList()) {
      n += r.getEnd() - r.getBegin() + 1;
    }
    return n;
  }

  /** The ports whose position among all of {@code ranges} is in [total*agent/agents, total*(agent+1)/agents). */
  private static Value.Ranges slice(Value.Ranges ranges, int agent, int agents) {
    long total = count(ranges);
    long from = total * agent / agents;
    long to = total * (agent + 1) / agents;
    Value.Ranges.Builder out = Value.Ranges.newBuilder();
    long position = 0;
    for (Value.Range r : Ranges.normalize(ranges).getRangeList()) {
      long size = r.getEnd() - r.getBegin() + 1;
      long lo = Math.max(from, position);
      long hi = Math.min(to, position + size);
      if (lo < hi) {
        out.addRange(Ranges.range(r.getBegin() + lo - position, r.getBegin() + hi - 1 - position));
      }
      position += size;
    }
    return out.build();
  }
}
