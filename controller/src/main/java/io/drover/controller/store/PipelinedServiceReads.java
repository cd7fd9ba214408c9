package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Issues the reads of one stored service entry in the background ({@link AsyncReads}), so that
 * recovery waits for round trips in parallel rather than one after another.
 *
 * <p>Only the bytes are fetched here; {@link RecoveryPipeline} decodes them on threads of its own,
 * keeping CPU work off Curator's event thread. Thread-safe; the futures complete on that event
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

  /** Starts every read of the entry at {@code base}; returns at once. */
  Raw read(String base) {
    CompletableFuture<List<Task>> tasks = children(base + "/tasks").thenCompose(names -> {
      List<CompletableFuture<Task>> each = new ArrayList<>(names.size());
      for (String name : names) {
        String p = base + "/tasks/" + name;
        each.add(data(p).thenApply(d -> new Task(p, d)));
      }
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    });
    return new Raw(base, data(base + "/spec"), data(base + "/state"), optionalData(base + "/uninstalling"), tasks);
  }

  private CompletableFuture<byte[]> data(String path) {
    return AsyncReads.data(zk, path).thenApply(AsyncReads.Node::data);
  }

  /** A node that may be absent: replaces the exists-then-read pair with one read. */
  private CompletableFuture<Optional<byte[]>> optionalData(String path) {
    return AsyncReads.dataIfExists(zk, path).thenApply(n -> n.map(AsyncReads.Node::data));
  }

  private CompletableFuture<List<String>> children(String path) {
    return AsyncReads.children(zk, path);
  }
}
