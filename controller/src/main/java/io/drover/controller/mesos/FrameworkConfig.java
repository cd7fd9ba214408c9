package io.drover.controller.mesos;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * What the framework tells Mesos about itself at SUBSCRIBE. The capabilities are fixed:
 * MULTI_ROLE (roles rather than a single role), RESERVATION_REFINEMENT and PARTITION_AWARE.
 *
 * @param name framework name shown in the Mesos UI
 * @param user the Unix user tasks run as; it must exist on real agents
 * @param principal authentication principal, or null
 * @param secret the principal's secret sent as HTTP basic authentication, or null; never printed
 * @param roles roles to receive offers for (at least one)
 * @param failoverTimeout how long Mesos keeps the framework's tasks while no scheduler is subscribed
 * @param checkpoint whether agents checkpoint task state (tasks survive agent restarts)
 */
public record FrameworkConfig(
    String name,
    String user,
    String principal,
    String secret,
    List<String> roles,
    Duration failoverTimeout,
    boolean checkpoint) {

  /** Default failover timeout: a week, so a scheduler outage never kills the tasks. */
  public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofDays(7);

  public FrameworkConfig {
    requireText(name, "framework name");
    requireText(user, "framework user");
    roles = List.copyOf(roles);
    if (roles.isEmpty() || roles.stream().anyMatch(r -> r == null || r.isBlank())) {
      throw new IllegalArgumentException("framework roles must be non-empty names, got " + roles);
    }
    if (secret != null && principal == null) {
      throw new IllegalArgumentException("a framework secret needs a principal to go with it");
    }
    Objects.requireNonNull(failoverTimeout, "failoverTimeout");
    if (failoverTimeout.isNegative()) {
      throw new IllegalArgumentException("failover timeout must not be negative, got " + failoverTimeout);
    }
  }

  /**
   * Defaults for a framework called {@code name}: runs tasks as the current user, role = name,
   * a week of failover timeout, checkpointing on, no principal.
   */
  public static FrameworkConfig named(String name) {
    return new FrameworkConfig(name, System.getProperty("user.name"), null, null, List.of(name),
        DEFAULT_FAILOVER_TIMEOUT, true);
  }

  public FrameworkConfig withUser(String newUser) {
    return new FrameworkConfig(name, newUser, principal, secret, roles, failoverTimeout, checkpoint);
  }

  /** Principal, and secret (null for none) sent as HTTP basic authentication. */
  public FrameworkConfig withPrincipal(String newPrincipal, String newSecret) {
    return new FrameworkConfig(name, user, newPrincipal, newSecret, roles, failoverTimeout, checkpoint);
  }

  public FrameworkConfig withRoles(List<String> newRoles) {
    return new FrameworkConfig(name, user, principal, secret, newRoles, failoverTimeout, checkpoint);
  }

  /** The principal and secret for HTTP basic authentication, when a secret is configured. */
  Optional<String> basicCredentials() {
    return secret == null ? Optional.empty() : Optional.of(principal + ":" + secret);
  }

  /** The FrameworkInfo to subscribe with; {@code id} is null for a first subscription. */
  FrameworkInfo toFrameworkInfo(FrameworkID id) {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
        .setName(name)
        .setUser(user)
        .addAllRoles(roles)
        .setFailoverTimeout(failoverTimeout.toMillis() / 1000.0)
        .setCheckpoint(checkpoint)
        .addCapabilities(capability(Capability.Type.MULTI_ROLE))
        .addCapabilities(capability(Capability.Type.RESERVATION_REFINEMENT))
        .addCapabilities(capability(Capability.Type.PARTITION_AWARE));
    if (principal != null) {
      info.setPrincipal(principal);
    }
    if (id != null) {
      info.setId(id);
    }
    return info.build();
  }

  @Override
  public String toString() {
    return "FrameworkConfig[name=" + name + ", user=" + user + ", principal=" + principal
        + ", secret=" + (secret == null ? "none" : "****") + ", roles=" + roles
        + ", failoverTimeout=" + failoverTimeout + ", checkpoint=" + checkpoint + "]";
  }

  private static Capability capability(Capability.Type type) {
    return Capability.newBuilder().setType(type).build();
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
