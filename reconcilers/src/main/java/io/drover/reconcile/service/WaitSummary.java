package io.drover.reconcile.service;

import io.drover.reconcile.mesos.Scalars;
import io.drover.reconcile.offer.Blocker;
import io.drover.reconcile.offer.PoolVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the agents' verdicts about one waiting instance into one sentence: the blocker of most
 * agents with its numbers ({@code needs cpus 2.0, largest offer has 1.5 (agent-1)}), then how many
 * agents were considered and, when they disagree, what held back the others. Pure.
 */
final class WaitSummary {
  /** Host names listed at most, so that a large cluster keeps the sentence short. */
  private static final int HOSTS = 3;

  private WaitSummary() {}

  static WaitReason of(List<PoolVerdict> verdicts) {
    Map<Blocker, List<PoolVerdict>> groups = new EnumMap<>(Blocker.class);
    verdicts.forEach(v -> groups.computeIfAbsent(v.blocker(), b -> new ArrayList<>()).add(v));
    Blocker main = groups.entrySet().stream()
        .max(Comparator.<Map.Entry<Blocker, List<PoolVerdict>>>comparingInt(e -> e.getValue().size())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .orElseThrow().getKey();
    String head = describe(main, groups.get(main));
    int n = verdicts.size();
    String agents = n + (n == 1 ? " agent" : " agents");
    if (groups.size() == 1) {
      boolean inPlace = main == Blocker.AGENT || main == Blocker.RESERVATION;
      return new WaitReason(main, inPlace ? head : head + ", " + agents);
    }
    String split = groups.entrySet().stream()
        .sorted(Comparator.<Map.Entry<Blocker, List<PoolVerdict>>>comparingInt(e -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey))
        .map(e -> e.getValue().size() + " " + e.getKey().words())
        .collect(Collectors.joining(", "));
    return new WaitReason(main, head + "; " + agents + ": " + split);
  }

  private static String describe(Blocker b, List<PoolVerdict> vs) {
    PoolVerdict best = vs.stream().min(Comparator.comparingDouble((PoolVerdict v) -> -v.offered())
        .thenComparing(PoolVerdict::hostname)).orElseThrow();
    return switch (b) {
      case CPUS -> "needs cpus " + Scalars.round(best.needed()) + ", largest offer has "
          + Scalars.round(best.offered()) + " (" + best.hostname() + ")";
      case MEMORY -> "needs memory " + mib(best.needed()) + ", largest offer has " + mib(best.offered())
          + " (" + best.hostname() + ")";
      case DISK -> "needs disk " + mib(best.needed()) + ", largest offer has " + mib(best.offered())
          + " (" + best.hostname() + ")";
      case VOLUME -> "needs disk " + mib(best.needed()) + " with its persistent volume, largest offer has "
          + mib(best.offered()) + " (" + best.hostname() + ")";
      case PORTS -> best.detail() != null
          ? "needs " + best.detail().replace(" not offered", "") + ", not offered by " + hosts(vs)
          : "needs " + count(best.needed()) + " port(s), largest offer has " + count(best.offered())
              + " (" + best.hostname() + ")";
      case MAX_PER_HOST -> "maxPerHost " + count(best.needed()) + " reached on " + hosts(vs);
      case PLACEMENT -> "the placement rule " + vs.get(0).detail() + " excludes " + hosts(vs);
      case RESERVATION -> vs.get(0).detail();
      case AGENT -> "waiting for " + vs.get(0).hostname()
          + " to offer its reservations (the instance relaunches in place)";
      case NO_OFFER, NO_AGENT -> b.words();
    };
  }

  private static String hosts(List<PoolVerdict> vs) {
    List<String> names = vs.stream().map(PoolVerdict::hostname).distinct().sorted().toList();
    String shown = String.join(", ", names.subList(0, Math.min(HOSTS, names.size())));
    return names.size() > HOSTS ? shown + " and " + (names.size() - HOSTS) + " more" : shown;
  }

  private static String mib(double v) {
    return count(v) + " MiB";
  }

  private static String count(double v) {
    return Long.toString(Math.round(v));
  }
}
