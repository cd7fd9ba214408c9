package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** The names of a node's children, sorted, as the stores list documents and statuses. */
final class ChildNames {

  private ChildNames() {}

  /** Empty when {@code parent} does not exist yet; a failed read names {@code parent}. */
  static List<String> sorted(CuratorFramework client, StorePaths paths, String parent) throws StoreException {
    List<String> names;
    try {
      names = new ArrayList<>(client.getChildren().forPath(parent));
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.READ, parent, e);
    }
    names.sort(null);
    return names;
  }
}
