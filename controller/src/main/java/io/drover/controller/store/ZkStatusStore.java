package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;

/** {@link StatusStore} on plain ZooKeeper nodes, one per service. */
final class ZkStatusStore implements StatusStore {

  private final CuratorFramework client;
  private final StorePaths paths;

  ZkStatusStore(CuratorFramework client, StorePaths paths) {
    this.client = client;
    this.paths = paths;
  }

  @Override
  public Optional<StatusDocument> read(String name) throws StoreException {
    String path = paths.status(name);
    try {
      Stat stat = new Stat();
      byte[] data = client.getData().storingStatIn(stat).forPath(path);
      return Optional.of(StatusDocument.decode(path, name, data, stat));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.READ, "status of service/" + name, e);
    }
  }

  @Override
  public Optional<StatusDocument> readAndWatch(String name, Watcher watcher)
      throws StoreException {
    try {
      if (client.checkExists().usingWatcher(watcher).forPath(paths.status(name)) == null) {
        return Optional.empty();
      }
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.READ, "status of service/" + name, e);
    }
    return read(name);
  }

  @Override
  public Map<String, StatusDocument> read(Collection<String> names) throws StoreException {
    Map<String, StatusDocument> statuses = new LinkedHashMap<>();
    for (StatusDocument s : StatusDocument.decodeAll(batched().read(List.copyOf(names)), StatusDocument.WHOLE)) {
      statuses.put(s.name(), s);
    }
    return statuses;
  }

  @Override
  public List<StatusDocument> list(StatusDocument.Reader reader) throws StoreException {
    // Many nodes to a request, as the documents' listing reads them: one request per node cost
    // get services as much as the rest of its listing (docs/performance.md, cli-latency, seventh
    // round). A status removed since the listing is simply not there, as with a synchronous read;
    // decoding never fails (an unreadable status says so), and runs on the caller and the pool.
    return StatusDocument.decodeAll(batched().read(ChildNames.sorted(client, paths, paths.statuses())),
        reader);
  }

  /**
   * Status nodes read many to a request; what a request did not read, one by one, failures named
   * {@code status of service/<name>}.
   */
  private BatchedNodeReads batched() {
    return new BatchedNodeReads(client, paths.statuses(), paths::status, new NodeReads(client,
        paths, paths.statuses(), paths::status, name -> "status of service/" + name));
  }
}
