package io.drover.controller.store;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryUntilElapsed;

/**
 * Opens Curator clients from {@link ZkSettings}, failing within the connection timeout instead of
 * hanging when ZooKeeper cannot be reached.
 *
 * <p>A chroot in the connection string becomes the client's namespace, so it behaves like a
 * ZooKeeper chroot but is created on first use. Operations on the returned client retry a lost
 * connection for at most the connection timeout, so no single call blocks much longer than that.
 */
public final class ZkClients {

  private static final int RETRY_SLEEP_MS = 250;

  private ZkClients() {}

  /**
   * Returns a started client that is connected to ZooKeeper; the caller closes it.
   *
   * @throws StoreException with {@link StoreException.Code#UNAVAILABLE} when no connection was
   *     established within {@link ZkSettings#connectionTimeout()}
   */
  public static CuratorFramework connect(ZkSettings settings) throws StoreException {
    CuratorFramework client = newClient(settings);
    client.start();
    try {
      long timeoutMs = settings.connectionTimeout().toMillis();
      if (!client.blockUntilConnected((int) Math.min(Integer.MAX_VALUE, timeoutMs),
          TimeUnit.MILLISECONDS)) {
        client.close();
        throw unreachable(settings);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new StoreException(StoreException.Code.UNAVAILABLE,
          "interrupted while connecting to ZooKeeper at " + settings.connectString(), e);
    }
    return client;
  }

  /**
   * Returns an unstarted client for callers that manage the connection themselves (the
   * controller, which must keep running while ZooKeeper is away).
   */
  public static CuratorFramework newClient(ZkSettings settings) {
    int connectionMs = (int) Math.min(Integer.MAX_VALUE, settings.connectionTimeout().toMillis());
    CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
        .connectString(settings.hosts())
        .sessionTimeoutMs((int) Math.min(Integer.MAX_VALUE, settings.sessionTimeout().toMillis()))
        .connectionTimeoutMs(connectionMs)
        .retryPolicy(new RetryUntilElapsed(connectionMs, RETRY_SLEEP_MS));
    if (!settings.chroot().isEmpty()) {
      builder.namespace(settings.chroot());
    }
    if (settings.digestAuth() != null) {
      builder.authorization("digest", settings.digestAuth().getBytes(StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  /** The error for a connection that was not established in time. */
  static StoreException unreachable(ZkSettings settings) {
    return new StoreException(StoreException.Code.UNAVAILABLE,
        "cannot reach ZooKeeper at " + settings.connectString() + " within "
            + Durations.format(settings.connectionTimeout()) + ": check --zk / DROVER_ZK");
  }
}
