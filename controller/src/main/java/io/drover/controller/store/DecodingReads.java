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
import org.apache.curator.framework.CuratorFramework;

/**
 * Reads many desired documents with their round trips overlapping and decodes them (parse,
 * validate, defaults: the costly part) on every core: each document is decoded as soon as its read
 * completes, by the common pool or by the caller, whichever takes it first. The caller decodes
 * too, in order, skipping what the pool took, so a machine whose common pool has one thread (two
 * cores) still decodes on both. Decoding never runs on Curator's event thread.
 */
final class DecodingReads {

  /** Reads kept outstanding: enough to hide the round trip, bounded in memory. */
  static final int READS_IN_FLIGHT = 500;

  private final CuratorFramework client;
  private final StorePaths paths;

  DecodingReads(CuratorFramework client, StorePaths paths) {
    this.client = client;
    this.paths = paths;
  }

  /** One document's read and its decoding, which either the pool or the caller claims. */
  private final class Slot {
    final String name;
    final String path;
    final CompletableFuture<Optional<AsyncReads.Node>> read;
    final CompletableFuture<Optional<DesiredDocument>> decoded = new CompletableFuture<>();
    final AtomicBoolean claimed = new AtomicBoolean();

    Slot(String name) {
      this.name = name;
      this.path = paths.service(name);
      this.read = AsyncReads.dataIfExists(client, path);
    }

    /** Decodes the completed read unless someone else already does. */
    void decodeIfUnclaimed() {
      if (claimed.compareAndSet(false, true)) {
        try {
          decoded.complete(read.join()
              .map(n -> DesiredDocument.decode(path, name, n.data(), n.stat())));
        } catch (RuntimeException e) {
          // The read's own failure, or a bug in decoding: either way the caller must not wait forever.
          decoded.completeExceptionally(
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
      }
    }
  }

  /**
   * The documents of {@code names} that exist, in the order given.
   *
   * @throws StoreException when a read fails (naming the service)
   */
  List<DesiredDocument> read(List<String> names) throws StoreException {
    Semaphore window = new Semaphore(READS_IN_FLIGHT);
    List<Slot> slots = new ArrayList<>(names.size());
    int helped = 0;
    try {
      for (String name : names) {
        // While the window is full, decode what has arrived instead of only waiting.
        while (!window.tryAcquire()) {
          if (helped < slots.size() && slots.get(helped).read.isDone()) {
            slots.get(helped++).decodeIfUnclaimed();
          } else {
            window.acquire();
            break;
          }
        }
        Slot slot = new Slot(name);
        slot.read.whenComplete((n, e) -> {
          window.release();
          ForkJoinPool.commonPool().execute(slot::decodeIfUnclaimed);
        });
        slots.add(slot);
      }
    } catch (InterruptedException e) {
      throw ZkErrors.translate(paths.services(), e);
    }
    // Decode alongside the pool, never waiting for a document the pool took: then collect.
    for (Slot slot : slots.subList(helped, slots.size())) {
      slot.read.handle((n, e) -> null).join();
      slot.decodeIfUnclaimed();
    }
    List<DesiredDocument> docs = new ArrayList<>(names.size());
    for (Slot slot : slots) {
      try {
        slot.decoded.join().ifPresent(docs::add);
      } catch (CompletionException e) {
        Exception cause = e.getCause() instanceof Exception c ? c : e;
        throw ZkErrors.translate(client, paths, Access.READ, ZkDesiredStore.label(slot.name), cause);
      }
    }
    return docs;
  }
}
