package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/** {@link SecretStore} on plain ZooKeeper nodes, one per secret. */
final class ZkSecretStore implements SecretStore {
  private final CuratorFramework client;
  private final StorePaths paths;

  ZkSecretStore(CuratorFramework client, StorePaths paths) {
    this.client = client;
    this.paths = paths;
  }

  @Override
  public List<Info> list() throws StoreException {
    List<String> names;
    try {
      if (client.checkExists().forPath(paths.secrets()) == null) {
        return List.of();
      }
      names = new ArrayList<>(client.getChildren().forPath(paths.secrets()));
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.READ, paths.secrets(), e);
    }
    names.sort(null);
    List<Info> out = new ArrayList<>();
    for (String name : names) {
      try {
        Stat stat = client.checkExists().forPath(paths.secret(name));
        if (stat != null) {
          out.add(new Info(name, SecretEntry.version(stat.getMzxid()), stat.getDataLength(),
              Instant.ofEpochMilli(stat.getCtime()), Instant.ofEpochMilli(stat.getMtime())));
        }
      } catch (Exception e) {
        throw ZkErrors.translate(client, paths, Access.READ, label(name), e);
      }
    }
    return out;
  }

  @Override
  public boolean put(String name, byte[] value, boolean replace) throws StoreException {
    if (value.length > MAX_VALUE_BYTES) {
      throw new StoreException(StoreException.Code.TOO_LARGE, label(name) + ": the value is " + value.length
          + " bytes, more than the limit of " + MAX_VALUE_BYTES + " bytes (64 KiB)");
    }
    String path = paths.secret(name);
    try {
      client.create().withACL(parentAcl()).forPath(path, value);
      return true;
    } catch (KeeperException.NodeExistsException e) {
      if (!replace) {
        throw new StoreException(StoreException.Code.CONFLICT, label(name) + " already exists: give it a new value"
            + " with --replace (the pods that use it are rolled), or delete it first", e);
      }
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, label(name), e);
    }
    try {
      client.setData().forPath(path, value);
      return false;
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, label(name), e);
    }
  }

  @Override
  public void delete(String name) throws StoreException {
    try {
      client.delete().forPath(paths.secret(name));
    } catch (KeeperException.NoNodeException e) {
      throw new StoreException(StoreException.Code.NOT_FOUND, label(name) + " does not exist", e);
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, label(name), e);
    }
  }

  /** The ACL of ROOT/secrets, which is created (with its parents) on first use. */
  private List<ACL> parentAcl() throws Exception {
    String parent = paths.secrets();
    // As for documents: check first, since ZooKeeper checks CREATE on the parent before existence.
    if (client.checkExists().forPath(parent) == null) {
      try {
        client.create().creatingParentsIfNeeded().forPath(parent, new byte[0]);
      } catch (KeeperException.NodeExistsException e) {
        // Created concurrently.
      }
    }
    return InheritedAcl.of(client.getACL().forPath(parent));
  }

  static String label(String name) {
    return "secret/" + name;
  }
}
