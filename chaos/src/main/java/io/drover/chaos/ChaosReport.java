package io.drover.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a chaos run found: per fault type the count and the convergence p50/p99/max, every
 * violation with its evidence, the fault log, the writes refused by fencing per replica (and of
 * them those ZooKeeper refused), the audit of the transaction logs, the uninstall times and the
 * machine's load. Printed as a table and written as JSON. {@code audit} is null in the reports
 * written while the run goes on.
 */
record ChaosReport(ChaosConfig config, Instant started, Instant ended, double loadBefore, double loadAfter,
    List<FaultRecord> faults, List<Violation> violations, Map<String, Double> fencedWrites,
    Map<String, Double> fencedByZooKeeper, TxnAudit.Result audit, List<Long> uninstallMillis) {

  /** The one-minute load average now, -1 where unknown. */
  static double loadAverage() {
    return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
  }

  /** Convergence times of one type, in ms, of the faults that converged. */
  private long[] converged(FaultType type) {
    return faults.stream().filter(f -> f.type() == type && f.convergenceMillis() >= 0)
        .mapToLong(FaultRecord::convergenceMillis).sorted().toArray();
  }

  /** The nearest-rank percentile of sorted samples; -1 for none. */
  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  /** Controller writes committed by a replica that did not lead (0 until audited). */
  private long committed() {
    return audit == null ? 0 : audit.violations().size();
  }

  private long count(FaultType type) {
    return faults.stream().filter(f -> f.type() == type).count();
  }

  private long violationsOf(FaultType type) {
    return violations.stream().filter(v -> v.fault() > 0 && v.fault() <= faults.size()
        && faults.get(v.fault() - 1).type() == type).count();
  }

  /** The table on standard output. */
  void print(PrintWriter out) {
    out.printf("drover chaos: seed %d, %d of %d faults in %d s, session timeout %.1f s, load average %.2f -> %.2f%n",
        config.seed(), faults.size(), config.total(), Duration.between(started, ended).toSeconds(),
        config.sessionTimeout().toMillis() / 1000.0, loadBefore, loadAfter);
    out.printf("%-16s %6s %10s %10s %10s %11s%n", "fault", "count", "p50 ms", "p99 ms", "max ms", "violations");
    for (FaultType type : FaultType.values()) {
      if (count(type) == 0) {
        continue;
      }
      long[] ms = converged(type);
      out.printf("%-16s %6d %10d %10d %10d %11d%n", type.label(), count(type), percentile(ms, 50),
          percentile(ms, 99), percentile(ms, 100), violationsOf(type));
    }
    long refused = fencedWrites.values().stream().mapToLong(Double::longValue).sum();
    long[] un = uninstallMillis.stream().mapToLong(Long::longValue).sorted().toArray();
    long byZooKeeper = fencedByZooKeeper.values().stream().mapToLong(Double::longValue).sum();
    out.printf("writes of deposed leaders: %d attempted, %d refused (%d by the replica's own checks, %d by"
        + " ZooKeeper's check on the election node), %d committed%n", refused + committed(),
        refused, refused - byZooKeeper, byZooKeeper, committed());
    if (audit != null) {
      out.printf("transaction log audit: %d transactions, %d controller writes, %d of them fenced by the leader%n",
          audit.transactions(), audit.controllerWrites(), audit.byLeader());
    }
    out.printf("uninstalls: %d, p50 %d ms, max %d ms%n", un.length, percentile(un, 50), percentile(un, 100));
    out.printf("violations: %d%n", violations.size());
    for (Violation v : violations) {
      out.printf("  %s fault %d %s: %s%n", v.at(), v.fault(), v.invariant(), v.evidence());
    }
    out.flush();
  }

  /** The JSON report. */
  void write(Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configuration", config.fields());
    m.put("started", started.toString());
    m.put("ended", ended.toString());
    m.put("duration_s", Duration.between(started, ended).toSeconds());
    m.put("faults_played", faults.size());
    m.put("load_average_1m_before", loadBefore);
    m.put("load_average_1m_after", loadAfter);
    m.put("cores", Runtime.getRuntime().availableProcessors());
    List<Map<String, Object>> types = new ArrayList<>();
    for (FaultType type : FaultType.values()) {
      if (count(type) == 0) {
        continue;
      }
      long[] ms = converged(type);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("fault", type.label());
      t.put("description", type.description());
      t.put("count", count(type));
      t.put("converged", ms.length);
      t.put("convergence_p50_ms", percentile(ms, 50));
      t.put("convergence_p99_ms", percentile(ms, 99));
      t.put("convergence_max_ms", percentile(ms, 100));
      t.put("violations", violationsOf(type));
      types.add(t);
    }
    m.put("faults", types);
    m.put("violations", violations.stream().map(v -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("at", v.at().toString());
      e.put("fault", v.fault());
      e.put("invariant", v.invariant());
      e.put("evidence", v.evidence());
      return e;
    }).toList());
    long refused = fencedWrites.values().stream().mapToLong(Double::longValue).sum();
    long byZooKeeper = fencedByZooKeeper.values().stream().mapToLong(Double::longValue).sum();
    Map<String, Object> deposed = new LinkedHashMap<>();
    deposed.put("attempted", refused + committed());
    deposed.put("refused", refused);
    deposed.put("refused_by_replica", refused - byZooKeeper);
    deposed.put("refused_by_zookeeper", byZooKeeper);
    deposed.put("committed", audit == null ? null : committed());
    deposed.put("refused_per_replica", new TreeMap<>(fencedWrites));
    m.put("deposed_leader_writes", deposed);
    if (audit != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("transactions", audit.transactions());
      a.put("controller_writes", audit.controllerWrites());
      a.put("fenced_by_leader", audit.byLeader());
      m.put("transaction_log_audit", a);
    }
    long[] un = uninstallMillis.stream().mapToLong(Long::longValue).sorted().toArray();
    m.put("uninstalls", Map.of("count", un.length, "p50_ms", percentile(un, 50), "max_ms", percentile(un, 100)));
    m.put("fault_log", faults.stream().map(f -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("number", f.number());
      e.put("fault", f.type().label());
      e.put("target", f.target());
      e.put("injected", f.injected().toString());
      e.put("repaired", f.repaired().toString());
      e.put("convergence_ms", f.convergenceMillis());
      e.put("edit", f.edit());
      e.put("note", f.note());
      return e;
    }).toList());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
  }
}
