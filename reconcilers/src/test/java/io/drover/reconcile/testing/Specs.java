package io.drover.reconcile.testing;

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
import io.drover.api.model.Volume;
import io.drover.reconcile.state.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders of defaulted Service documents for tests. */
public final class Specs {

  private Specs() {}

  public static TaskSpec task(String cmd) {
    return new TaskSpec(Goal.RUNNING, cmd, 0.1, 32, 0, Map.of(), Map.of(), null, null, null, 5, null, true, null, null, null, null);
  }

  public static TaskSpec withCpus(TaskSpec t, double cpus) {
    return new TaskSpec(t.goal(), t.cmd(), cpus, t.memory(), t.disk(), t.ports(), t.env(), t.healthCheck(), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withMemory(TaskSpec t, int memory) {
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), memory, t.disk(), t.ports(), t.env(), t.healthCheck(), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withCmd(TaskSpec t, String cmd) {
    return new TaskSpec(t.goal(), cmd, t.cpus(), t.memory(), t.disk(), t.ports(), t.env(), t.healthCheck(), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withGoal(TaskSpec t, Goal goal) {
    return new TaskSpec(goal, t.cmd(), t.cpus(), t.memory(), t.disk(), t.ports(), t.env(), t.healthCheck(), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withPorts(TaskSpec t, Map<String, Integer> ports) {
    Map<String, PortSpec> p = new LinkedHashMap<>();
    ports.forEach((k, v) -> p.put(k, new PortSpec(v)));
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), t.memory(), t.disk(), p, t.env(), t.healthCheck(), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withEnv(TaskSpec t, Map<String, String> env) {
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), t.memory(), t.disk(), t.ports(), env, t.healthCheck(), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withHealth(TaskSpec t, String cmd) {
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), t.memory(), t.disk(), t.ports(), t.env(), new Check(cmd, 5, 10, 30, 0, 3), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withReadiness(TaskSpec t, String cmd) {
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), t.memory(), t.disk(), t.ports(), t.env(), t.healthCheck(), new Check(cmd, 2, 5, null, 0, null), t.volume(), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static TaskSpec withVolume(TaskSpec t, String path, int sizeMiB) {
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), t.memory(), t.disk(), t.ports(), t.env(), t.healthCheck(), t.readinessCheck(), new Volume(path, sizeMiB), t.killGracePeriodSeconds(), t.user(), t.essential(), t.uris(), t.secrets(), t.configs(), t.image());
  }

  public static PodSpec pod(int count, Map<String, TaskSpec> tasks) {
    return new PodSpec(count, new Placement(null, List.of()), 300, tasks, PodExecutor.COMMAND, null, null);
  }

  public static PodSpec pod(int count, Placement placement, Map<String, TaskSpec> tasks) {
    return new PodSpec(count, placement, 300, tasks, PodExecutor.COMMAND, null, null);
  }

  /** A pod whose instances wait {@code replaceAfterSeconds} for an unreachable agent. */
  public static PodSpec pod(int count, int replaceAfterSeconds, Map<String, TaskSpec> tasks) {
    return new PodSpec(count, new Placement(null, List.of()), replaceAfterSeconds, tasks, PodExecutor.COMMAND, null, null);
  }

  public static ServiceResource service(String name, Map<String, PodSpec> pods) {
    return service(name, pods, Map.of());
  }

  public static ServiceResource service(String name, Map<String, PodSpec> pods, Map<String, PlanSpec> plans) {
    return new ServiceResource(
        ServiceResource.API_VERSION, ServiceResource.KIND, new ObjectMeta(name, Map.of(), Map.of()), new ServiceSpec(pods, plans));
  }

  /** A plan with one phase per pod, all with the given phase strategy. */
  public static Map<String, PlanSpec> deployPlan(Strategy planStrategy, Strategy phaseStrategy, String... pods) {
    Map<String, PhaseSpec> phases = new LinkedHashMap<>();
    for (String p : pods) {
      phases.put(p + "-phase", new PhaseSpec(p, phaseStrategy));
    }
    return Map.of("deploy", new PlanSpec(planStrategy, phases));
  }

  /** Targets get their config id from a counter so that every spec change is a new config. */
  public static Target target(String specHash, ServiceResource r) {
    return Target.of(specHash, 1, r);
  }

  /** One pod "hello" of {@code count} instances, one task "server". */
  public static ServiceResource hello(String name, int count, TaskSpec server) {
    return service(name, Map.of("hello", pod(count, Map.of("server", server))));
  }

  /** A pod whose instances run as task groups on the default executor. */
  public static PodSpec groupPod(int count, Map<String, TaskSpec> tasks) {
    return new PodSpec(count, new Placement(null, List.of()), 300, tasks, PodExecutor.DEFAULT, null, null);
  }

  public static TaskSpec nonEssential(TaskSpec t) {
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), t.memory(), t.disk(), t.ports(), t.env(), t.healthCheck(), t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user(), false, t.uris(), t.secrets(), t.configs(), t.image());
  }
}
