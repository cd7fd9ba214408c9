package io.drover.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The data versions of a node's children and the node's child version, read straight from
 * ZooKeeper, to count the writes a command made: every setData raises a child's version, every
 * create or delete raises the parent's cversion.
 *
 * @param childVersion the parent's cversion
 * @param versions each child's data version, by name
 */
record NodeVersions(int childVersion, Map<String, Integer> versions) {

  /** Reads the versions under {@code parent} (absent parent: no children), within 60 s. */
  static NodeVersions read(CuratorFramework client, String parent) throws Exception {
    Stat parentStat = client.checkExists().forPath(parent);
    if (parentStat == null) {
      return new NodeVersions(0, Map.of());
    }
    List<String> children = client.getChildren().forPath(parent);
    Map<String, Integer> versions = new HashMap<>();
    CountDownLatch done = new CountDownLatch(children.size());
    for (String child : children) {
      client.checkExists().inBackground((c, event) -> {
        if (event.getStat() != null) {
          synchronized (versions) {
            versions.put(child, event.getStat().getVersion());
          }
        }
        done.countDown();
      }).forPath(parent + "/" + child);
    }
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new TimeoutException("reading the versions of " + children.size() + " nodes under "
          + parent + " took more than 60 s");
    }
    if (versions.size() != children.size()) {
      throw new KeeperException.NoNodeException(parent + ": children changed while being read");
    }
    return new NodeVersions(parentStat.getCversion(), versions);
  }

  /**
   * The writes between {@code before} and this: children whose data changed, plus creations and
   * deletions (each counted once by the parent's cversion).
   */
  int writesSince(NodeVersions before) {
    int changed = 0;
    for (Map.Entry<String, Integer> e : versions.entrySet()) {
      Integer old = before.versions.get(e.getKey());
      if (old != null && !old.equals(e.getValue())) {
        changed += e.getValue() - old;
      }
    }
    return changed + (childVersion - before.childVersion);
  }
}
