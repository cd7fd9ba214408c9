package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * Issues the reads of one stored service entry in the background, so that recovery waits for round
 * trips in parallel rather than one after another: the entry's spec, state and {@code uninstalling}
 * go as one request ({@link MultiReads}) together with the task list ({@link AsyncReads}), then
 * each task's data. Three requests for a one-task service instead of five (docs/performance.md,
 * recovery-scale). The task list stays out of the multi so that its answer is bounded: the spec,
 * the only large node, is at most 768 KiB (validation enforces it), well under ZooKeeper's 1 MiB
 * packet limit, whereas a service may have thousands of tasks; an answer over the limit would drop
 * the connection, and every new term's recovery would drop it again.
 *
 * <p>Only the bytes are fetched here; {@link RecoveryPipeline} decodes them on threads of its own,
 * keeping CPU work off ZooKeeper's event thread. Thread-safe; the futures complete on that event
 * thread.
 */
final class PipelinedServiceReads {
  private final CuratorFramework zk;

  PipelinedServiceReads(CuratorFramework zk) {
    this.zk = zk;
  }

  /** The undecoded nodes of one entry; each future fails with the {@link KeeperException} of its read. */
  record Raw(String base, CompletableFuture<byte[]> spec, CompletableFuture<byte[]> state,
      CompletableFuture<Optional<byte[]>> uninstalling, CompletableFuture<List<Task>> tasks) {

    /** Completes when every read of the entry has finished, successfully or not. */
    CompletableFuture<Void> done() {
      return CompletableFuture.allOf(spec, state, uninstalling, tasks).handle((v, e) -> null);
    }
  }

  /**
   * The value of a finished read, or the exception that failed it: decoding a {@link Raw} field by
   * field with this meets failures in the order the sequential reads would have.
   */
  static <T> T result(CompletableFuture<T> read) throws Exception {
    try {
      return read.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** One task node's path and data. */
  record Task(String path, byte[] data) {}

  /** One read's result of the entry's request, or its error. */
  @FunctionalInterface
  private interface Part<T> {
    T of(OpResult result) throws KeeperException;
  }

  /** Starts every read of the entry at {@code base}; returns at once. */
  Raw read(String base) {
    String tasksPath = base + "/tasks";
    CompletableFuture<List<OpResult>> entry = MultiReads.send(zk, List.of(MultiReads.data(zk, base + "/spec"),
        MultiReads.data(zk, base + "/state"), MultiReads.data(zk, base + "/uninstalling")), base);
    CompletableFuture<List<Task>> tasks = AsyncReads.children(zk, tasksPath).thenCompose(names -> {
      List<CompletableFuture<Task>> each = new ArrayList<>(names.size());
      for (String name : names) {
        String p = tasksPath + "/" + name;
        each.add(AsyncReads.data(zk, p).thenApply(n -> new Task(p, n.data())));
      }
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    });
    return new Raw(base, part(entry, 0, r -> MultiReads.data(r, base + "/spec")),
        part(entry, 1, r -> MultiReads.data(r, base + "/state")),
        part(entry, 2, r -> MultiReads.absent(r) ? Optional.empty()
            : Optional.of(MultiReads.data(r, base + "/uninstalling"))),
        tasks);
  }

  private static <T> CompletableFuture<T> part(CompletableFuture<List<OpResult>> request, int index, Part<T> part) {
    return request.thenApply(results -> {
      try {
        return part.of(results.get(index));
      } catch (KeeperException e) {
        throw new CompletionException(e);
      }
    });
  }
}
