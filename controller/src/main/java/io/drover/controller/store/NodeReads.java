package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * Reads many sibling nodes (desired documents, statuses) with their round trips overlapping and
 * returns them decoded, in the order of the names given; a node deleted since it was listed is left
 * out, as a synchronous read would find it absent. Each node is decoded as soon as its read
 * completes, by the common pool or by the caller, whichever takes it first: the caller decodes too,
 * in order, skipping what the pool took, so a machine whose common pool has one thread (two cores)
 * still decodes on both. Decoding never runs on Curator's event thread. A failed read fails the
 * whole call with a {@link StoreException} that names the node by its label.
 */
final class NodeReads {

  /** Reads kept outstanding: enough to hide the round trip, bounded in memory. */
  static final int READS_IN_FLIGHT = 500;

  /**
   * Turns one node that exists into a value (a decoder may do the costly part: parse, validate);
   * the arguments come in the order of {@link DesiredDocument#decode} and {@link StatusDocument#decode}.
   */
  @FunctionalInterface
  interface Decoder<T> {
    T decode(String path, String name, byte[] data, Stat stat);
  }

  private final CuratorFramework client;
  private final StorePaths paths;
  private final String parent;
  private final UnaryOperator<String> pathOf;
  private final UnaryOperator<String> labelOf;

  /**
   * @param parent the nodes' parent, named when the reads are interrupted
   * @param pathOf a node's path from its name
   * @param labelOf how a failed read names the node, e.g. {@code service/web}
   */
  NodeReads(CuratorFramework client, StorePaths paths, String parent, UnaryOperator<String> pathOf,
      UnaryOperator<String> labelOf) {
    this.client = client;
    this.paths = paths;
    this.parent = parent;
    this.pathOf = pathOf;
    this.labelOf = labelOf;
  }

  /** One node's read and its decoding, which either the pool or the caller claims. */
  private static final class Slot<T> {
    final String name;
    final String path;
    final CompletableFuture<Optional<AsyncReads.Node>> read;
    final CompletableFuture<Optional<T>> decoded = new CompletableFuture<>();
    final AtomicBoolean claimed = new AtomicBoolean();

    Slot(String name, String path, CompletableFuture<Optional<AsyncReads.Node>> read) {
      this.name = name;
      this.path = path;
      this.read = read;
    }

    /** Decodes the completed read unless someone else already does. */
    void decodeIfUnclaimed(Decoder<T> decoder) {
      if (claimed.compareAndSet(false, true)) {
        try {
          decoded.complete(read.join().map(n -> decoder.decode(path, name, n.data(), n.stat())));
        } catch (RuntimeException e) {
          // The read's own failure, or a bug in decoding: either way the caller must not wait forever.
          decoded.completeExceptionally(
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
      }
    }
  }

  /**
   * The decoded nodes of {@code names} that exist, in the order given.
   *
   * @throws StoreException when a read fails (naming the node by its label)
   */
  <T> List<T> read(List<String> names, Decoder<T> decoder) throws StoreException {
    Semaphore window = new Semaphore(READS_IN_FLIGHT);
    List<Slot<T>> slots = new ArrayList<>(names.size());
    int helped = 0;
    try {
      for (String name : names) {
        // While the window is full, decode what has arrived instead of only waiting.
        while (!window.tryAcquire()) {
          if (helped < slots.size() && slots.get(helped).read.isDone()) {
            slots.get(helped++).decodeIfUnclaimed(decoder);
          } else {
            window.acquire();
            break;
          }
        }
        String path = pathOf.apply(name);
        Slot<T> slot = new Slot<>(name, path, AsyncReads.dataIfExists(client, path));
        slot.read.whenComplete((n, e) -> {
          window.release();
          ForkJoinPool.commonPool().execute(() -> slot.decodeIfUnclaimed(decoder));
        });
        slots.add(slot);
      }
    } catch (InterruptedException e) {
      throw ZkErrors.translate(parent, e);
    }
    // Decode alongside the pool, never waiting for a node the pool took: then collect.
    for (Slot<T> slot : slots.subList(helped, slots.size())) {
      slot.read.handle((n, e) -> null).join();
      slot.decodeIfUnclaimed(decoder);
    }
    List<T> values = new ArrayList<>(names.size());
    for (Slot<T> slot : slots) {
      try {
        slot.decoded.join().ifPresent(values::add);
      } catch (CompletionException e) {
        Exception cause = e.getCause() instanceof Exception c ? c : e;
        throw ZkErrors.translate(client, paths, Access.READ, labelOf.apply(slot.name), cause);
      }
    }
    return values;
  }
}
