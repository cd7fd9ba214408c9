package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One task of a pod. Resources: {@code cpus} (shares), {@code memory} and {@code disk} (MiB).
 * {@code ports} are named; a port of 0 takes any offered port, and each is exported to the task as
 * {@code PORT_<NAME>} (upper case, {@code -} as {@code _}). {@code essential}: in a task group,
 * whether the task ending takes the whole pod instance down (true) or only itself (false).
 * {@code uris} are fetched into the sandbox before the command starts (after the pod's own
 * {@code uris}); absent means none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSpec(
    Goal goal,
    String cmd,
    Double cpus,
    Integer memory,
    Integer disk,
    Map<String, PortSpec> ports,
    Map<String, String> env,
    Check healthCheck,
    Check readinessCheck,
    Volume volume,
    Integer killGracePeriodSeconds,
    String user,
    Boolean essential,
    List<Artifact> uris) {

  /** An essential task that fetches nothing. */
  public TaskSpec(
      Goal goal,
      String cmd,
      Double cpus,
      Integer memory,
      Integer disk,
      Map<String, PortSpec> ports,
      Map<String, String> env,
      Check healthCheck,
      Check readinessCheck,
      Volume volume,
      Integer killGracePeriodSeconds,
      String user) {
    this(goal, cmd, cpus, memory, disk, ports, env, healthCheck, readinessCheck, volume, killGracePeriodSeconds, user,
        null, null);
  }
}
