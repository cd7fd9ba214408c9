package io.drover.controller.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;

/**
 * Read side of the services' status under {@code ROOT/status}. Only the controller writes status
 * (through {@link ControllerWrites}); everyone else reads it here. Thread-safe.
 */
public interface StatusStore {

  static StatusStore create(CuratorFramework client, StorePaths paths) {
    return new ZkStatusStore(client, paths);
  }

  /** The status of one service, or empty when the controller has written none (or removed it). */
  Optional<StatusDocument> read(String name) throws StoreException;

  /**
   * Like {@link #read}, and leaves a one-shot {@code watcher} on the node that fires when it is
   * created, changed or deleted. Passing the same watcher again does not stack watches.
   */
  Optional<StatusDocument> readAndWatch(String name, Watcher watcher) throws StoreException;

  /**
   * The statuses of those of {@code names} that have one, keyed by name in the order given: what
   * {@link #read} of each gives, read many to a request (read-only multis), as {@link #list} reads, and decoded whole.
   */
  Map<String, StatusDocument> read(Collection<String> names) throws StoreException;

  /**
   * Every status node, sorted by name, decoded by {@code reader} ({@link StatusDocument#WHOLE}, or
   * one that reads only part of each); nodes deleted while listing are left out.
   */
  List<StatusDocument> list(StatusDocument.Reader reader) throws StoreException;
}
