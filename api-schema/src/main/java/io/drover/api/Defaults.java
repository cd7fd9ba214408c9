package io.drover.api;

import io.drover.api.model.Check;
import io.drover.api.model.Goal;
import io.drover.api.model.ObjectMeta;
import io.drover.api.model.PhaseSpec;
import io.drover.api.model.Placement;
import io.drover.api.model.PlanSpec;
import io.drover.api.model.PodExecutor;
import io.drover.api.model.PodSpec;
import io.drover.api.model.PortSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.ServiceSpec;
import io.drover.api.model.Strategy;
import io.drover.api.model.TaskSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Writes every default out explicitly, so that a document and the same document with its defaults
 * spelled out are equal values with equal hashes. Idempotent; tolerates missing parts (null stays
 * null where there is no default: cmd, cpus, memory, volume, checks, user, maxPerHost). Maps keep
 * document order, which matters for plans.
 */
final class Defaults {
  static final String DEPLOY = "deploy";
  static final String UPDATE = "update";

  static final int COUNT = 1;
  /**
   * How long an instance waits for an unreachable agent. Mesos has already waited about 75 s of
   * missed pings before it says "unreachable", and agents that restart or ride out a short
   * partition come back well within five minutes; Marathon's unreachableStrategy and Kubernetes'
   * unreachable-node toleration use the same 300 s. A replacement discards the instance's volume,
   * so a pod with one waits an hour, as Marathon's resident tasks do.
   */
  static final int REPLACE_AFTER_SECONDS = 300;
  static final int REPLACE_AFTER_SECONDS_WITH_VOLUME = 3600;
  static final int DISK_MIB = 0;
  static final int KILL_GRACE_PERIOD_SECONDS = 5;
  static final int PORT_ANY = 0;
  /**
   * Command tasks: they run on any agent configuration, need no executor resources of their own,
   * and are what every pod ran before task groups came, so upgrading relaunches nothing.
   */
  static final PodExecutor EXECUTOR = PodExecutor.COMMAND;
  static final boolean ESSENTIAL = true;
  static final int CHECK_INTERVAL_SECONDS = 10;
  static final int CHECK_TIMEOUT_SECONDS = 5;
  static final int CHECK_GRACE_PERIOD_SECONDS = 30;
  static final int CHECK_DELAY_SECONDS = 0;
  static final int CHECK_MAX_CONSECUTIVE_FAILURES = 3;

  /**
   * Defaulted pod fields added after the spec hash was first defined, with their defaults: the
   * hash leaves them out while they hold them, so adding one changed no existing document's hash.
   * A new defaulted pod field belongs here ({@code SpecHashTest} fails otherwise).
   */
  static final Map<String, Object> LATER_POD_FIELDS = Map.of("executor", EXECUTOR);
  /** The same for task fields. */
  static final Map<String, Object> LATER_TASK_FIELDS = Map.of("essential", ESSENTIAL);

  private Defaults() {}

  static ServiceResource apply(ServiceResource r) {
    ObjectMeta m = r.metadata() == null ? new ObjectMeta(null, null, null) : r.metadata();
    ObjectMeta meta = new ObjectMeta(m.name(), orEmpty(m.labels()), orEmpty(m.annotations()));
    return new ServiceResource(r.apiVersion(), r.kind(), meta, spec(r.spec()));
  }

  private static ServiceSpec spec(ServiceSpec s) {
    Map<String, PodSpec> pods = mapValues(s == null ? null : s.pods(), (name, pod) -> pod(pod));
    Map<String, PlanSpec> given = s == null || s.plans() == null ? Map.of() : s.plans();
    PlanSpec deploy = given.get(DEPLOY) == null ? defaultPlan(pods) : plan(given.get(DEPLOY));
    PlanSpec update = given.get(UPDATE) == null ? deploy : plan(given.get(UPDATE));
    Map<String, PlanSpec> plans = new LinkedHashMap<>();
    plans.put(DEPLOY, deploy);
    plans.put(UPDATE, update);
    return new ServiceSpec(pods, Collections.unmodifiableMap(plans));
  }

  /** One serial phase per pod, in document order, named after the pod. */
  private static PlanSpec defaultPlan(Map<String, PodSpec> pods) {
    Map<String, PhaseSpec> phases = new LinkedHashMap<>();
    pods.keySet().forEach(pod -> phases.put(pod, new PhaseSpec(pod, Strategy.SERIAL)));
    return new PlanSpec(Strategy.SERIAL, Collections.unmodifiableMap(phases));
  }

  private static PlanSpec plan(PlanSpec p) {
    Map<String, PhaseSpec> phases =
        mapValues(
            p.phases(), (name, ph) -> new PhaseSpec(ph.pod(), or(ph.strategy(), Strategy.SERIAL)));
    return new PlanSpec(or(p.strategy(), Strategy.SERIAL), phases);
  }

  private static PodSpec pod(PodSpec p) {
    Placement pl = p.placement();
    Placement placement =
        pl == null
            ? new Placement(null, List.of())
            : new Placement(
                pl.maxPerHost(), pl.rules() == null ? List.of() : List.copyOf(pl.rules()));
    boolean volume = p.tasks() != null && p.tasks().values().stream().anyMatch(t -> t != null && t.volume() != null);
    int replaceAfter = volume ? REPLACE_AFTER_SECONDS_WITH_VOLUME : REPLACE_AFTER_SECONDS;
    return new PodSpec(or(p.count(), COUNT), placement, or(p.replaceAfterSeconds(), replaceAfter),
        mapValues(p.tasks(), (name, t) -> task(t)), or(p.executor(), EXECUTOR), Artifacts.withDefaults(p.uris()),
        p.image());
  }

  private static TaskSpec task(TaskSpec t) {
    return new TaskSpec(
        or(t.goal(), Goal.RUNNING),
        t.cmd(),
        t.cpus(),
        t.memory(),
        or(t.disk(), DISK_MIB),
        mapValues(t.ports(), (name, port) -> new PortSpec(or(port.port(), PORT_ANY))),
        orEmpty(t.env()),
        check(t.healthCheck()),
        check(t.readinessCheck()),
        t.volume(),
        or(t.killGracePeriodSeconds(), KILL_GRACE_PERIOD_SECONDS),
        t.user(),
        or(t.essential(), ESSENTIAL),
        Artifacts.withDefaults(t.uris()),
        t.secrets() == null ? null : orEmpty(t.secrets()),
        t.configs() == null ? null : orEmpty(t.configs()),
        t.image());
  }

  private static Check check(Check c) {
    if (c == null) {
      return null;
    }
    return new Check(
        c.cmd(),
        or(c.intervalSeconds(), CHECK_INTERVAL_SECONDS),
        or(c.timeoutSeconds(), CHECK_TIMEOUT_SECONDS),
        or(c.gracePeriodSeconds(), CHECK_GRACE_PERIOD_SECONDS),
        or(c.delaySeconds(), CHECK_DELAY_SECONDS),
        or(c.maxConsecutiveFailures(), CHECK_MAX_CONSECUTIVE_FAILURES));
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static <V> Map<String, V> orEmpty(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** Transforms the values of an ordered map, skipping null entries; null in, empty out. */
  private static <V, W> Map<String, W> mapValues(Map<String, V> in, BiFunction<String, V, W> f) {
    Map<String, W> out = new LinkedHashMap<>();
    if (in != null) {
      in.forEach(
          (k, v) -> {
            if (v != null) {
              out.put(k, f.apply(k, v));
            }
          });
    }
    return Collections.unmodifiableMap(out);
  }
}
