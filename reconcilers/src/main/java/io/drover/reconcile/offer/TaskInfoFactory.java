package io.drover.reconcile.offer;

import io.drover.api.model.Check;
import io.drover.api.model.Goal;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.mesos.TaskLabels;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.state.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DiscoveryInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Ports;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Builds the TaskInfo of a command task from its spec: a shell command with the task's environment
 * plus {@code PORT_<NAME>} for each named port, named ports in DiscoveryInfo, a COMMAND health check,
 * a COMMAND readiness check (as the TaskInfo {@code check}), the kill grace period, and Drover's
 * labels (pod, index, task, goal, target config id, spec digest).
 */
public final class TaskInfoFactory {

  /** Where a launch goes and what it holds. */
  public record Placed(TaskID taskId, AgentID agentId, List<Resource> resources, Map<String, Long> ports) {
    public Placed {
      resources = List.copyOf(resources);
      ports = Map.copyOf(ports);
    }
  }

  private TaskInfoFactory() {}

  public static TaskInfo build(Target target, TaskName name, TaskSpec spec, Placed placed) {
    Environment env = environment(name, spec, placed.ports());
    TaskInfo.Builder b =
        TaskInfo.newBuilder()
            .setName(name.name())
            .setTaskId(placed.taskId())
            .setAgentId(placed.agentId())
            .addAllResources(placed.resources())
            .setCommand(TaskContents.command(command(spec.cmd(), env, spec.user()), spec))
            .setLabels(labels(target, name, spec));
    TaskContents.container(spec).ifPresent(b::setContainer);
    if (!placed.ports().isEmpty()) {
      b.setDiscovery(discovery(name, placed.ports()));
    }
    if (spec.healthCheck() != null) {
      b.setHealthCheck(healthCheck(spec.healthCheck(), env));
    }
    if (spec.readinessCheck() != null) {
      b.setCheck(readinessCheck(spec.readinessCheck(), env));
    }
    if (spec.killGracePeriodSeconds() != null) {
      b.setKillPolicy(
          KillPolicy.newBuilder()
              .setGracePeriod(
                  DurationInfo.newBuilder()
                      .setNanoseconds(spec.killGracePeriodSeconds() * 1_000_000_000L)));
    }
    return b.build();
  }

  /** The environment variable a named port is exported as: {@code PORT_<NAME>}. */
  public static String portVariable(String portName) {
    return "PORT_" + portName.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static Environment environment(TaskName name, TaskSpec spec, Map<String, Long> ports) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (spec.env() != null) {
      vars.putAll(spec.env());
    }
    vars.put("POD_INSTANCE_INDEX", Integer.toString(name.index()));
    vars.put("TASK_NAME", name.name());
    ports.forEach((p, n) -> vars.put(portVariable(p), Long.toString(n)));
    Environment.Builder e = Environment.newBuilder();
    vars.forEach((k, v) -> e.addVariables(Environment.Variable.newBuilder().setName(k).setValue(v)));
    return e.build();
  }

  private static CommandInfo command(String cmd, Environment env, String user) {
    CommandInfo.Builder c = CommandInfo.newBuilder().setShell(true).setValue(cmd).setEnvironment(env);
    if (user != null && !user.isEmpty()) {
      c.setUser(user);
    }
    return c.build();
  }

  private static Labels labels(Target target, TaskName name, TaskSpec spec) {
    Goal goal = spec.goal() == null ? Goal.RUNNING : spec.goal();
    return Labels.newBuilder()
        .addLabels(TaskLabels.label(TaskLabels.POD, name.pod()))
        .addLabels(TaskLabels.label(TaskLabels.POD_INDEX, Integer.toString(name.index())))
        .addLabels(TaskLabels.label(TaskLabels.TASK, name.task()))
        .addLabels(TaskLabels.label(TaskLabels.GOAL, goal.name()))
        .addLabels(TaskLabels.label(TaskLabels.TARGET_SPEC_HASH, target.specHash()))
        .addLabels(TaskLabels.label(TaskLabels.SPEC_DIGEST, target.digest(name)))
        .build();
  }

  private static DiscoveryInfo discovery(TaskName name, Map<String, Long> ports) {
    Ports.Builder p = Ports.newBuilder();
    ports.forEach(
        (n, number) ->
            p.addPorts(Port.newBuilder().setName(n).setNumber(number.intValue()).setProtocol("tcp")));
    return DiscoveryInfo.newBuilder()
        .setVisibility(DiscoveryInfo.Visibility.CLUSTER)
        .setName(name.name())
        .setPorts(p)
        .build();
  }

  private static HealthCheck healthCheck(Check c, Environment env) {
    HealthCheck.Builder h =
        HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND).setCommand(command(c.cmd(), env, null));
    if (c.intervalSeconds() != null) {
      h.setIntervalSeconds(c.intervalSeconds());
    }
    if (c.timeoutSeconds() != null) {
      h.setTimeoutSeconds(c.timeoutSeconds());
    }
    if (c.gracePeriodSeconds() != null) {
      h.setGracePeriodSeconds(c.gracePeriodSeconds());
    }
    if (c.delaySeconds() != null) {
      h.setDelaySeconds(c.delaySeconds());
    }
    if (c.maxConsecutiveFailures() != null) {
      h.setConsecutiveFailures(c.maxConsecutiveFailures());
    }
    return h.build();
  }

  private static CheckInfo readinessCheck(Check c, Environment env) {
    CheckInfo.Builder k =
        CheckInfo.newBuilder()
            .setType(CheckInfo.Type.COMMAND)
            .setCommand(CheckInfo.Command.newBuilder().setCommand(command(c.cmd(), env, null)));
    if (c.intervalSeconds() != null) {
      k.setIntervalSeconds(c.intervalSeconds());
    }
    if (c.timeoutSeconds() != null) {
      k.setTimeoutSeconds(c.timeoutSeconds());
    }
    if (c.delaySeconds() != null) {
      k.setDelaySeconds(c.delaySeconds());
    }
    return k.build();
  }
}
