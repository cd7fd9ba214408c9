package io.drover.controller.store;

import java.time.Instant;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;

/**
 * Named secrets under {@code ROOT/secrets}, one node each holding the value's bytes. A secret node
 * gets the ACL of {@code ROOT/secrets} ({@code drover zk init}: the user identity may do anything,
 * the controller identity may read, nobody else anything). Values go in and never come back out
 * through this interface: only the controller's cache ({@link SecretEntry}) reads them.
 *
 * <p>Implementations are thread-safe and hold no state besides the client.
 */
public interface SecretStore {

  /** The largest value the store accepts, in bytes. */
  int MAX_VALUE_BYTES = 64 * 1024;

  static SecretStore create(CuratorFramework client, StorePaths paths) {
    return new ZkSecretStore(client, paths);
  }

  /** What may be shown about a secret: never its value. */
  record Info(String name, String version, int bytes, Instant created, Instant modified) {}

  /** Every secret, sorted by name. */
  List<Info> list() throws StoreException;

  /**
   * Stores a secret's value; a new value for an existing secret only with {@code replace}.
   *
   * @return true when the secret was created, false when its value was replaced
   * @throws StoreException {@link StoreException.Code#CONFLICT} when it exists and {@code replace}
   *     is false; {@link StoreException.Code#TOO_LARGE} above {@link #MAX_VALUE_BYTES}
   */
  boolean put(String name, byte[] value, boolean replace) throws StoreException;

  /**
   * Deletes a secret.
   *
   * @throws StoreException {@link StoreException.Code#NOT_FOUND} when there is none
   */
  void delete(String name) throws StoreException;
}
