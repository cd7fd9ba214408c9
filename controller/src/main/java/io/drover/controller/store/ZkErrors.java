package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Translates ZooKeeper failures into {@link StoreException}s that say what to do. */
final class ZkErrors {

  private ZkErrors() {}

  /**
   * Like {@link #translate(String, Exception)}, except that a refusal by an ACL names the node,
   * the client's identity and who may {@code access} the node instead (see {@link AccessDenied}).
   */
  static StoreException translate(
      CuratorFramework client, StorePaths paths, Access access, String what, Exception e) {
    if (e instanceof KeeperException.NoAuthException noAuth) {
      return new StoreException(StoreException.Code.NOT_AUTHORIZED,
          AccessDenied.explain(client, paths, access, noAuth), e);
    }
    return translate(what, e);
  }

  /**
   * Translates a failure of an operation on {@code what} (for messages, e.g. {@code service/hello}
   * or a path). Interrupts are restored and reported as {@link StoreException.Code#FAILED}.
   */
  static StoreException translate(String what, Exception e) {
    if (e instanceof StoreException se) {
      return se;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new StoreException(StoreException.Code.FAILED, what + ": interrupted", e);
    }
    if (e instanceof KeeperException ke) {
      return switch (ke.code()) {
        case CONNECTIONLOSS, SESSIONEXPIRED, OPERATIONTIMEOUT, SESSIONMOVED ->
            new StoreException(StoreException.Code.UNAVAILABLE,
                what + ": lost the connection to ZooKeeper (" + ke.code()
                    + "): check that ZooKeeper is up and re-run the command", e);
        case NOAUTH, AUTHFAILED -> new StoreException(StoreException.Code.NOT_AUTHORIZED,
            what + ": ZooKeeper refused access (" + ke.code()
                + "): check the credentials given with --zk-auth and the node's ACL", e);
        case NONODE -> new StoreException(StoreException.Code.NOT_FOUND, what + " not found", e);
        default -> new StoreException(StoreException.Code.FAILED,
            what + ": ZooKeeper error " + ke.code() + " on " + ke.getPath(), e);
      };
    }
    return new StoreException(StoreException.Code.FAILED, what + ": " + e, e);
  }
}
