package io.drover.reconcile.state;

import io.drover.api.model.PhaseSpec;
import io.drover.api.model.PlanSpec;
import io.drover.api.model.ServiceSpec;
import io.drover.api.model.Strategy;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.pod.PodInstances;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The shape of a rollout plan: phases of pod instances (steps), each run serially or in parallel.
 * From {@code spec.plans.<name>}, falling back to {@code deploy} for updates, then to the default:
 * one serial phase per pod in document order, phases serial. Pods a custom plan does not mention
 * get a serial phase of their own at the end, so that every pod is deployed.
 *
 * <p>Every decision about a service asks for its rollout plan's layout, several times per event:
 * ask the service's {@link Target#layout}, which derives each layout once per target.
 */
public record PlanLayout(String name, Strategy strategy, List<Phase> phases) {
  public static final String DEPLOY = "deploy";
  public static final String UPDATE = "update";

  /** One phase: the steps (instances) of one pod. */
  public record Phase(String name, String pod, Strategy strategy, List<InstanceId> steps) {
    public Phase {
      steps = List.copyOf(steps);
    }
  }

  public PlanLayout {
    phases = List.copyOf(phases);
  }

  /** The layout of plan {@code name} ({@link #DEPLOY} or {@link #UPDATE}) for this spec, derived anew. */
  public static PlanLayout of(ServiceSpec spec, String name) {
    Map<String, PlanSpec> plans = spec.plans() == null ? Map.of() : spec.plans();
    PlanSpec p = plans.get(name);
    if (p == null && UPDATE.equals(name)) {
      p = plans.get(DEPLOY);
    }
    Strategy strategy = p == null || p.strategy() == null ? Strategy.SERIAL : p.strategy();
    List<Phase> phases = new ArrayList<>();
    Set<String> covered = new LinkedHashSet<>();
    if (p != null && p.phases() != null) {
      for (Map.Entry<String, PhaseSpec> e : p.phases().entrySet()) {
        String pod = e.getValue().pod();
        if (pod != null && PodInstances.pod(spec, pod).isPresent() && covered.add(pod)) {
          phases.add(phase(spec, e.getKey(), pod, e.getValue().strategy()));
        }
      }
    }
    for (String pod : spec.pods() == null ? Set.<String>of() : spec.pods().keySet()) {
      if (covered.add(pod)) {
        phases.add(phase(spec, pod, pod, Strategy.SERIAL));
      }
    }
    return new PlanLayout(name, strategy, phases);
  }

  private static Phase phase(ServiceSpec spec, String name, String pod, Strategy strategy) {
    return new Phase(name, pod, strategy == null ? Strategy.SERIAL : strategy, PodInstances.of(spec, pod));
  }

  /**
   * The steps that may act now: in a serial plan only the first unfinished phase's, in a serial
   * phase only its first unfinished step.
   */
  public Set<InstanceId> eligible(Predicate<InstanceId> done) {
    Set<InstanceId> out = new LinkedHashSet<>();
    for (Phase phase : phases) {
      boolean phaseDone = true;
      for (InstanceId step : phase.steps()) {
        if (!done.test(step)) {
          phaseDone = false;
          out.add(step);
          if (phase.strategy() == Strategy.SERIAL) {
            break;
          }
        }
      }
      if (!phaseDone && strategy == Strategy.SERIAL) {
        break;
      }
    }
    return out;
  }

  /** Every step in plan order. */
  public List<InstanceId> steps() {
    List<InstanceId> out = new ArrayList<>();
    phases.forEach(p -> out.addAll(p.steps()));
    return out;
  }
}
