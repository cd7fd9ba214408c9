package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/** {@link DesiredStore} on plain ZooKeeper nodes, one per service. */
final class ZkDesiredStore implements DesiredStore {

  private final CuratorFramework client;
  private final StorePaths paths;

  ZkDesiredStore(CuratorFramework client, StorePaths paths) {
    this.client = client;
    this.paths = paths;
  }

  @Override
  public Optional<DesiredDocument> read(String name) throws StoreException {
    return readNode(name).map(StoredNode::decode);
  }

  @Override
  public Optional<StoredNode> readNodeAndWatch(String name, Watcher watcher)
      throws StoreException {
    String path = paths.service(name);
    try {
      // An exists-watch fires on creation, change and deletion alike, even if the node is absent now.
      if (client.checkExists().usingWatcher(watcher).forPath(path) == null) {
        return Optional.empty();
      }
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.READ, label(name), e);
    }
    return readNode(name);
  }

  @Override
  public Optional<StoredNode> readNode(String name) throws StoreException {
    String path = paths.service(name);
    try {
      Stat stat = new Stat();
      byte[] data = client.getData().storingStatIn(stat).forPath(path);
      return Optional.of(new StoredNode(name, path, data == null ? new byte[0] : data, stat));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.READ, label(name), e);
    }
  }

  @Override
  public Map<String, StoredNode> readNodes(Collection<String> names) throws StoreException {
    Map<String, StoredNode> nodes = new LinkedHashMap<>();
    for (StoredNode n : batched().read(List.copyOf(names))) {
      nodes.put(n.name(), n);
    }
    return nodes;
  }

  @Override
  public List<StoredNode> listNodes() throws StoreException {
    return batched().read(names());
  }

  /** Document nodes read many to a request; what a request did not read, one by one. */
  private BatchedNodeReads batched() {
    return new BatchedNodeReads(client, paths.services(), paths::service, nodes());
  }

  /** Pipelined reads of document nodes, failures named {@code service/<name>}. */
  private NodeReads nodes() {
    return new NodeReads(client, paths, paths.services(), paths::service, ZkDesiredStore::label);
  }

  /** The names of every document node, sorted. */
  private List<String> names() throws StoreException {
    return ChildNames.sorted(client, paths, paths.services());
  }

  @Override
  public long create(String name, byte[] content) throws StoreException {
    checkSize(name, content);
    String path = paths.service(name);
    try {
      Stat stat = new Stat();
      client.create().storingStatIn(stat).withACL(parentAcl()).forPath(path, content);
      return stat.getVersion();
    } catch (KeeperException.NodeExistsException e) {
      throw new StoreException(StoreException.Code.CONFLICT,
          label(name) + " was created concurrently: re-run the command", e);
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, label(name), e);
    }
  }

  @Override
  public long update(String name, byte[] content, long expectedGeneration)
      throws StoreException {
    checkSize(name, content);
    try {
      return client.setData().withVersion(version(expectedGeneration))
          .forPath(paths.service(name), content).getVersion();
    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
      throw conflict(name, expectedGeneration, e);
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, label(name), e);
    }
  }

  @Override
  public void writeAll(List<DesiredWrite> writes, IntConsumer written) throws StoreException {
    new DesiredWriteBatches(client, paths, this).writeAll(writes, written);
  }

  @Override
  public void delete(String name, long expectedGeneration) throws StoreException {
    try {
      client.delete().withVersion(version(expectedGeneration)).forPath(paths.service(name));
    } catch (KeeperException.NotEmptyException e) {
      deleteWithChildren(name, expectedGeneration);
    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
      throw conflict(name, expectedGeneration, e);
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, label(name), e);
    }
  }

  /**
   * A service node that someone used as a directory: the nodes under it go first, in batches, and
   * the node itself last, still only if it has the expected generation.
   */
  private void deleteWithChildren(String name, long expectedGeneration) throws StoreException {
    try {
      OpBatches ops = new OpBatches();
      for (String child : client.getChildren().forPath(paths.service(name))) {
        deleteTree(paths.service(name) + "/" + child, ops);
      }
      String path = paths.service(name);
      ops.add(client.transactionOp().delete().withVersion(version(expectedGeneration)).forPath(path), path, null);
      for (List<CuratorOp> batch : ops.batches()) {
        client.transaction().forOperations(batch);
      }
    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
      throw conflict(name, expectedGeneration, e);
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, label(name), e);
    }
  }

  private void deleteTree(String path, OpBatches ops) throws Exception {
    for (String child : client.getChildren().forPath(path)) {
      deleteTree(path + "/" + child, ops);
    }
    ops.add(client.transactionOp().delete().forPath(path), path, null);
  }

  /** The ACL of ROOT/services, which is created (with its parents) on first use. */
  List<ACL> parentAcl() throws Exception {
    String parent = paths.services();
    // Check first: ZooKeeper checks the CREATE permission on the parent before existence, so a
    // user who may not create under the root (ACLs from drover zk init) would be refused.
    if (client.checkExists().forPath(parent) == null) {
      try {
        client.create().creatingParentsIfNeeded().forPath(parent, new byte[0]);
      } catch (KeeperException.NodeExistsException e) {
        // Created concurrently.
      }
    }
    return InheritedAcl.of(client.getACL().forPath(parent));
  }

  private StoreException conflict(String name, long expected, Exception cause)
      throws StoreException {
    Optional<Stat> now = currentStat(name);
    String message = now.isEmpty()
        ? label(name) + " was deleted concurrently (expected version " + expected
            + "): re-run the command"
        : label(name) + " was modified concurrently (version " + now.get().getVersion()
            + ", expected " + expected + "): re-run the command";
    return new StoreException(StoreException.Code.CONFLICT, message, cause);
  }

  private Optional<Stat> currentStat(String name) throws StoreException {
    try {
      return Optional.ofNullable(client.checkExists().forPath(paths.service(name)));
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.READ, label(name), e);
    }
  }

  private static void checkSize(String name, byte[] content) throws StoreException {
    if (content.length > MAX_DOCUMENT_BYTES) {
      throw new StoreException(StoreException.Code.TOO_LARGE, label(name) + ": the document is "
          + content.length + " bytes, more than the limit of " + MAX_DOCUMENT_BYTES
          + " bytes (512 KiB): split the service or shorten the document");
    }
  }

  static int version(long generation) {
    if (generation < 0 || generation > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("invalid generation " + generation);
    }
    return (int) generation;
  }

  static String label(String name) {
    return "service/" + name;
  }
}
