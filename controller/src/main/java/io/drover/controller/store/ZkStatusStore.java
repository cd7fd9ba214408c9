package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  public List<StatusDocument> list() throws StoreException {
    List<String> names = ChildNames.sorted(client, paths, paths.statuses());
    List<CompletableFuture<Optional<AsyncReads.Node>>> reads;
    try {
      reads = AsyncReads.allDataIfExists(client, names.stream().map(paths::status).toList(),
          DecodingReads.READS_IN_FLIGHT);
    } catch (InterruptedException e) {
      throw ZkErrors.translate(paths.statuses(), e);
    }
    List<StatusDocument> docs = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      try {
        // A status removed since the listing is simply not there, as with a synchronous read.
        reads.get(i).join().ifPresent(
            n -> docs.add(StatusDocument.decode(paths.status(name), name, n.data(), n.stat())));
      } catch (CompletionException e) {
        Exception cause = e.getCause() instanceof Exception c ? c : e;
        throw ZkErrors.translate(client, paths, Access.READ, "status of service/" + name, cause);
      }
    }
    return docs;
  }
}
