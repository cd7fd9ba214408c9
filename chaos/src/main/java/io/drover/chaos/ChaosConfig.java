package io.drover.chaos;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one chaos run plays: how many faults of each type (in a seeded random order), the cluster's
 * size, the replicas' ZooKeeper session timeout and the bound every fault must converge within.
 *
 * @param seed drives the order of the faults, their targets, holds, gaps and the user edits
 * @param counts faults per type; types not listed are not played
 * @param mesos mesos-local or a real Mesos
 * @param agents Mesos agents
 * @param sessionTimeout the controller replicas' ZooKeeper session timeout
 * @param convergenceBound a fault whose cluster is not back to its goal within it is a violation
 */
record ChaosConfig(long seed, Map<FaultType, Integer> counts, MesosBackend mesos, int agents,
    Duration sessionTimeout, Duration convergenceBound) {

  static final int AGENTS = 3;
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);
  static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(60);

  ChaosConfig {
    Map<FaultType, Integer> copy = new EnumMap<>(FaultType.class);
    counts.forEach((type, n) -> {
      if (n < 0) {
        throw new IllegalArgumentException("a fault count must be 0 or more, got " + type.label() + "=" + n);
      }
      if (n > 0) {
        copy.put(type, n);
      }
    });
    counts = Collections.unmodifiableMap(copy);
    if (agents < 2) {
      throw new IllegalArgumentException("agents must be at least 2 (one may be away), got " + agents);
    }
  }

  /** One fault of each type: the configuration {@code mvn verify} runs. */
  static ChaosConfig quick(long seed) {
    Map<FaultType, Integer> counts = new EnumMap<>(FaultType.class);
    for (FaultType t : FaultType.values()) {
      counts.put(t, 1);
    }
    return new ChaosConfig(seed, counts, MesosBackend.LOCAL, AGENTS, SESSION_TIMEOUT, CONVERGENCE_BOUND);
  }

  /** The full run of docs/reliability.md. */
  static ChaosConfig full(long seed) {
    Map<FaultType, Integer> counts = new EnumMap<>(FaultType.class);
    counts.put(FaultType.LEADER_KILL, 100);
    counts.put(FaultType.SESSION_EXPIRY, 100);
    counts.put(FaultType.LEADER_PAUSE, 20);
    counts.put(FaultType.QUORUM_LOSS, 20);
    counts.put(FaultType.MASTER_RESTART, 20);
    counts.put(FaultType.AGENT_LOSS, 20);
    counts.put(FaultType.AGENT_REPLACE, 20);
    counts.put(FaultType.TASK_CRASH, 20);
    return new ChaosConfig(seed, counts, MesosBackend.LOCAL, AGENTS, SESSION_TIMEOUT, CONVERGENCE_BOUND);
  }

  /** This configuration with the counts of {@code overrides} in place of its own. */
  ChaosConfig withCounts(Map<FaultType, Integer> overrides) {
    Map<FaultType, Integer> merged = new EnumMap<>(FaultType.class);
    merged.putAll(counts);
    merged.putAll(overrides);
    return new ChaosConfig(seed, merged, mesos, agents, sessionTimeout, convergenceBound);
  }

  ChaosConfig withSessionTimeout(Duration d) {
    return new ChaosConfig(seed, counts, mesos, agents, d, convergenceBound);
  }

  ChaosConfig withMesos(MesosBackend backend) {
    return new ChaosConfig(seed, counts, backend, agents, sessionTimeout, convergenceBound);
  }

  int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The configuration as the JSON report shows it. */
  Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    Map<String, Integer> c = new LinkedHashMap<>();
    counts.forEach((t, n) -> c.put(t.label(), n));
    m.put("faults", c);
    m.put("mesos", mesos.label());
    m.put("agents", agents);
    m.put("session_timeout_s", sessionTimeout.toMillis() / 1000.0);
    m.put("convergence_bound_s", convergenceBound.toMillis() / 1000.0);
    return m;
  }
}
