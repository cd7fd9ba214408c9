package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One task of a pod. Resources: {@code cpus} (shares), {@code memory} and {@code disk} (MiB).
 * {@code ports} are named; a port of 0 takes any offered port, and each is exported to the task as
 * {@code PORT_<NAME>} (upper case, {@code -} as {@code _}). {@code essential}: in a task group,
 * whether the task ending takes the whole pod instance down (true) or only itself (false).
 * {@code uris} are fetched into the
 * sandbox before the command starts (after the pod's own {@code uris}); absent means none.
 * {@code secrets} maps environment variables to named secrets, which Mesos resolves on the agent.
 * {@code configs} are files rendered from templates into the sandbox before the command starts.
 * {@code image} names a Docker image the Mesos containerizer runs the task in (the pod's when absent).
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
    List<Artifact> uris,
    Map<String, SecretRef> secrets,
    Map<String, ConfigFile> configs,
    String image) {

  /** An essential task that fetches nothing, uses no secret, has no config file and runs on the agent's filesystem. */
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
        null, null, null, null, null);
  }

  /** This task with another environment. */
  public TaskSpec withEnv(Map<String, String> newEnv) {
    return new TaskSpec(goal, cmd, cpus, memory, disk, ports, newEnv, healthCheck, readinessCheck, volume,
        killGracePeriodSeconds, user, essential, uris, secrets, configs, image);
  }

  /** This task with other artifacts. */
  public TaskSpec withUris(List<Artifact> newUris) {
    return new TaskSpec(goal, cmd, cpus, memory, disk, ports, env, healthCheck, readinessCheck, volume,
        killGracePeriodSeconds, user, essential, newUris, secrets, configs, image);
  }

  /** This task in another container image. */
  public TaskSpec withImage(String newImage) {
    return new TaskSpec(goal, cmd, cpus, memory, disk, ports, env, healthCheck, readinessCheck, volume,
        killGracePeriodSeconds, user, essential, uris, secrets, configs, newImage);
  }
}
