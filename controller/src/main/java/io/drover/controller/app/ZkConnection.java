package io.drover.controller.app;

import io.drover.controller.store.ZkSettings;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.RetryUntilElapsed;

/**
 * The controller's ZooKeeper client: like the store's clients (same connection string, chroot as
 * namespace, digest credentials, timeouts), plus the connection-state policy leader election needs:
 * only a lost session is an error, so a suspended connection pauses the leader rather than deposing
 * it.
 */
final class ZkConnection {
  private static final int RETRY_SLEEP_MS = 250;

  private ZkConnection() {}

  /** An unstarted client. */
  static CuratorFramework newClient(ZkSettings settings) {
    int connectionMs = (int) Math.min(Integer.MAX_VALUE, settings.connectionTimeout().toMillis());
    CuratorFrameworkFactory.Builder builder =
        CuratorFrameworkFactory.builder()
            .connectString(settings.hosts())
            .sessionTimeoutMs((int) Math.min(Integer.MAX_VALUE, settings.sessionTimeout().toMillis()))
            .connectionTimeoutMs(connectionMs)
            .retryPolicy(new RetryUntilElapsed(connectionMs, RETRY_SLEEP_MS))
            .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy());
    if (!settings.chroot().isEmpty()) {
      builder.namespace(settings.chroot());
    }
    if (settings.digestAuth() != null) {
      builder.authorization("digest", settings.digestAuth().getBytes(StandardCharsets.UTF_8));
    }
    return builder.build();
  }
}
