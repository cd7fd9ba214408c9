package io.drover.controller.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;

/**
 * The desired {@code Service} documents under {@code ROOT/services}: what users want running.
 *
 * <p>Every write is a compare-and-set on the node's version (the service's generation): a write
 * based on a stale read fails with {@link StoreException.Code#CONFLICT} and changes nothing, so an
 * update is never lost. Content is stored exactly as given; deciding whether a write is needed
 * (comparing canonical forms) is the caller's job. Reads never fail on bad content: see
 * {@link DesiredDocument}.
 *
 * <p>Implementations are thread-safe and hold no state besides the client.
 */
public interface DesiredStore {

  /** The largest document the store accepts, in bytes (ZooKeeper's own node limit is 1 MiB). */
  int MAX_DOCUMENT_BYTES = 512 * 1024;

  static DesiredStore create(CuratorFramework client, StorePaths paths) {
    return new ZkDesiredStore(client, paths);
  }

  /** The document of one service, or empty when there is none. */
  Optional<DesiredDocument> read(String name) throws StoreException;

  /**
   * One document's node, undecoded ({@link StoredNode#decode} gives what {@link #read} would), or
   * empty when there is none.
   */
  Optional<StoredNode> readNode(String name) throws StoreException;

  /**
   * One document's node, undecoded ({@link StoredNode#decode} gives what {@link #read} would), and
   * leaves a one-shot {@code watcher} on the node that fires when it is created, changed or deleted.
   * Passing the same watcher again does not stack watches. Undecoded, so that a reader may decide
   * from the node and its status alone (a controller's recorded check of exactly that version)
   * that no decode is needed.
   */
  Optional<StoredNode> readNodeAndWatch(String name, Watcher watcher) throws StoreException;

  /**
   * The nodes of those of {@code names} that exist, undecoded, keyed by name in the order given:
   * what {@link #readNode} of each gives, read many to a request (read-only multis), as {@link #listNodes} reads.
   */
  Map<String, StoredNode> readNodes(Collection<String> names) throws StoreException;

  /**
   * Every document's node as read, sorted by name, without decoding any: many nodes to a request
   * (read-only multis), a few requests in flight; documents deleted while listing are left out.
   */
  List<StoredNode> listNodes() throws StoreException;

  /**
   * Creates a service's document (creating the root on first use) and returns its generation (0).
   * The new node gets the access control list of {@code ROOT/services}, so an administrator who
   * restricts that node restricts every document. (ZooKeeper masks digest entries to a writer
   * without ADMIN permission on that node; those entries become the writer's own identity.)
   *
   * @throws StoreException {@link StoreException.Code#CONFLICT} when the service already exists
   */
  long create(String name, byte[] content) throws StoreException;

  /**
   * Replaces a service's document if its generation is still {@code expectedGeneration}, and
   * returns the new generation.
   *
   * @throws StoreException {@link StoreException.Code#CONFLICT} when the document changed or was
   *     deleted since it was read
   */
  long update(String name, byte[] content, long expectedGeneration) throws StoreException;

  /**
   * Deletes a service's document if its generation is still {@code expectedGeneration}.
   *
   * @throws StoreException {@link StoreException.Code#CONFLICT} when the document changed or was
   *     deleted since it was read
   */
  void delete(String name, long expectedGeneration) throws StoreException;

  /**
   * Executes {@code writes} in order with the outcome of {@link #create}, {@link #update} and
   * {@link #delete} called one after another, and tells {@code written} the index of each write as
   * soon as it is done (in order). The first write that fails stops the run with what that call
   * would throw: the writes before it are done, the ones after it are not attempted. Consecutive
   * writes may be committed together (fewer round trips), never in another order.
   */
  void writeAll(List<DesiredWrite> writes, IntConsumer written) throws StoreException;
}
