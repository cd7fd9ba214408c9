package io.drover.controller.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;

/**
 * A started client still connecting, for a caller with other work to do meanwhile ({@link
 * ZkClients#connectInBackground}): it may look whether the connection is up yet, then waits for it
 * as {@link ZkClients#connect} does, the connection timeout counted from the start.
 */
public final class PendingConnection {

  private final CuratorFramework client;
  private final ZkSettings settings;
  private final long deadlineNanos;

  PendingConnection(CuratorFramework client, ZkSettings settings) {
    this.client = client;
    this.settings = settings;
    this.deadlineNanos = System.nanoTime() + settings.connectionTimeout().toNanos();
  }

  /** The client, connected or not yet: the caller closes it (also when it never connected). */
  public CuratorFramework client() {
    return client;
  }

  /**
   * Whether the client is connected, waiting at most {@code wait} (and never past the connection
   * timeout) for it: false leaves it connecting.
   */
  public boolean connectedWithin(Duration wait) {
    try {
      return connectedBy(Math.min(System.nanoTime() + wait.toNanos(), deadlineNanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The connected client, once it is.
   *
   * @throws StoreException with {@link StoreException.Code#UNAVAILABLE} when no connection was
   *     established within the settings' connection timeout; the client is closed then
   */
  public CuratorFramework await() throws StoreException {
    try {
      if (!connectedBy(deadlineNanos)) {
        client.close();
        throw ZkClients.unreachable(settings);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new StoreException(StoreException.Code.UNAVAILABLE,
          "interrupted while connecting to ZooKeeper at " + settings.connectString(), e);
    }
    return client;
  }

  /** Whether the client is connected by {@code nanoTime} (at once when that has passed). */
  private boolean connectedBy(long nanoTime) throws InterruptedException {
    long millis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanoTime - System.nanoTime()));
    return client.blockUntilConnected((int) Math.min(Integer.MAX_VALUE, millis), TimeUnit.MILLISECONDS);
  }
}
