package io.drover.controller.app;

import io.drover.controller.reconcile.WorkQueueConfig;
import io.drover.controller.security.Secret;
import io.drover.controller.store.ZkSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one controller replica runs.
 *
 * @param zk ZooKeeper connection, root and session timeout (10 s by default; it bounds how long a
 *     dead leader keeps its leadership, see docs/controller.md)
 * @param replicaId unique among the replicas
 * @param httpHost the address the HTTP API binds to
 * @param httpPort its port; 0 picks a free one
 * @param advertisedHost the host name other replicas and clients reach this one by
 * @param queue the reconcile queue's tuning
 * @param actionTimeout how long a put or uninstall may take to be accepted by the scheduler
 * @param apiToken the bearer token mutating HTTP requests must carry, or empty for none
 */
public record ControllerConfig(
    ZkSettings zk,
    String replicaId,
    String httpHost,
    int httpPort,
    String advertisedHost,
    WorkQueueConfig queue,
    Duration actionTimeout,
    Optional<Secret> apiToken) {

  public ControllerConfig {
    Objects.requireNonNull(zk, "zk");
    Objects.requireNonNull(replicaId, "replicaId");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(advertisedHost, "advertisedHost");
    Objects.requireNonNull(apiToken, "apiToken");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP port must be 0-65535: " + httpPort);
    }
  }

  /** Defaults: HTTP on all interfaces at {@code port}, 30 s per action. */
  public static ControllerConfig of(ZkSettings zk, String replicaId, int port, String advertisedHost) {
    return new ControllerConfig(
        zk, replicaId, "0.0.0.0", port, advertisedHost, WorkQueueConfig.defaults(),
        Duration.ofSeconds(30), Optional.empty());
  }

  public ControllerConfig withHttpHost(String host) {
    return new ControllerConfig(zk, replicaId, host, httpPort, advertisedHost, queue, actionTimeout, apiToken);
  }

  /** Requires {@code token} on mutating HTTP requests (see {@code BearerTokenFilter}). */
  public ControllerConfig withApiToken(Secret token) {
    return new ControllerConfig(zk, replicaId, httpHost, httpPort, advertisedHost, queue,
        actionTimeout, Optional.of(token));
  }

  public ControllerConfig withQueue(WorkQueueConfig q) {
    return new ControllerConfig(zk, replicaId, httpHost, httpPort, advertisedHost, q, actionTimeout, apiToken);
  }
}
