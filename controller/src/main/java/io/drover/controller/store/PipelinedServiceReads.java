package io.drover.controller.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;

/**
 * Issues the reads of a group of stored service entries in the background, a few requests for the
 * whole group ({@link MultiReads}): every entry's spec, state, {@code uninstalling} and task count
 * in one, then the task lists, then the tasks' data. Each request costs the client and the server
 * a round of work whatever it carries, and ZooKeeper's per-request work was most of a recovery's
 * CPU (docs/performance.md, recovery-scale): one request per entry and node cost three requests
 * for a one-task service, a group costs three requests in all.
 *
 * <p>No request may be answered with more than the client accepts (its {@code jute.maxbuffer}; an
 * answer over it drops the connection), so a request carries at most what its worst answer allows:
 * {@link #group()} entries (an entry's spec, the only large node of the first request, is at most
 * 768 KiB, validation enforces it), {@link #tasksPerRequest()} task nodes of at most a node's size
 * each, and task lists of as many names as the tasks nodes' counts say, a name being far shorter
 * than {@link #NAME_BYTES}; a list that alone may exceed the limit is read on its own, as before.
 * With ZooKeeper's default limit (1 MiB) that is one entry and one task per request.
 *
 * <p>Only the bytes are fetched here; {@link RecoveryPipeline} decodes them on threads of its own,
 * keeping CPU work off ZooKeeper's event thread. Thread-safe; the futures complete on that event
 * thread.
 */
final class PipelinedServiceReads {
  /** What one child name may cost in a list: a task's name is a pod's and a task's validated names and an index. */
  static final int NAME_BYTES = 1024;

  private final CuratorFramework zk;
  private final int limit;

  /** Reads through {@code zk}, sizing requests by the answers its connection accepts. */
  PipelinedServiceReads(CuratorFramework zk) throws Exception {
    this.zk = zk;
    this.limit = MultiReads.answerLimit(zk);
  }

  /** How many entries {@link #read} should be given at most. */
  int group() {
    return Math.max(1, limit / (MultiReads.NODE_BYTES + 4 * MultiReads.RESULT_BYTES));
  }

  /** How many task nodes one request reads at most. */
  int tasksPerRequest() {
    return MultiReads.nodesPerRequest(limit);
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

  /** Starts every read of the entries at {@code bases} (at most {@link #group()}); returns at once, in that order. */
  List<Raw> read(List<String> bases) {
    List<Op> ops = new ArrayList<>(4 * bases.size());
    for (String base : bases) {
      ops.add(MultiReads.data(zk, base + "/spec"));
      ops.add(MultiReads.data(zk, base + "/state"));
      ops.add(MultiReads.data(zk, base + "/uninstalling"));
      ops.add(MultiReads.data(zk, base + "/tasks"));
    }
    CompletableFuture<List<OpResult>> entries = MultiReads.send(zk, ops, bases.get(0));
    List<CompletableFuture<List<String>>> names = new ArrayList<>(bases.size());
    List<Raw> raws = new ArrayList<>(bases.size());
    for (int i = 0; i < bases.size(); i++) {
      String base = bases.get(i);
      int at = 4 * i;
      names.add(new CompletableFuture<>());
      raws.add(new Raw(base, part(entries, at, r -> MultiReads.data(r, base + "/spec")),
          part(entries, at + 1, r -> MultiReads.data(r, base + "/state")),
          part(entries, at + 2, r -> MultiReads.absent(r) ? Optional.empty()
              : Optional.of(MultiReads.data(r, base + "/uninstalling"))),
          new CompletableFuture<>()));
    }
    // Whatever goes wrong fails what is still waiting (completing a done future does nothing): no entry waits forever.
    entries.whenComplete((results, failure) -> {
      try {
        if (failure != null) {
          throw cause(failure);
        }
        listTasks(bases, results, names);
      } catch (Exception e) {
        names.forEach(n -> n.completeExceptionally(e));
      }
    });
    CompletableFuture.allOf(names.toArray(CompletableFuture[]::new)).whenComplete((v, ignored) -> {
      try {
        readTasks(bases, names, raws);
      } catch (RuntimeException e) {
        raws.forEach(r -> r.tasks().completeExceptionally(e));
      }
    });
    return raws;
  }

  /** Reads the task lists the entries' task counts call for, as many to a request as the limit allows. */
  private void listTasks(List<String> bases, List<OpResult> results, List<CompletableFuture<List<String>>> names) {
    Batch lists = new Batch();
    for (int i = 0; i < bases.size(); i++) {
      String tasks = bases.get(i) + "/tasks";
      CompletableFuture<List<String>> out = names.get(i);
      int count;
      try {
        count = MultiReads.stat(results.get(4 * i + 3), tasks).getNumChildren();
      } catch (KeeperException e) {
        out.completeExceptionally(e);
        continue;
      }
      long bytes = (long) count * NAME_BYTES + MultiReads.RESULT_BYTES;
      if (count == 0) {
        out.complete(List.of());
      } else if (bytes > limit) {
        AsyncReads.children(zk, tasks).whenComplete((list, e) -> forward(out, list, e));
      } else {
        if (lists.bytes + bytes > limit) {
          lists.send();
          lists = new Batch();
        }
        lists.add(MultiReads.children(zk, tasks), bytes, r -> out.complete(MultiReads.children(r, tasks)),
            out::completeExceptionally);
      }
    }
    lists.send();
  }

  /** Reads every listed task's data, {@link #tasksPerRequest()} to a request, and completes each entry's tasks. */
  private void readTasks(List<String> bases, List<CompletableFuture<List<String>>> names, List<Raw> raws) {
    Batch data = new Batch();
    for (int i = 0; i < bases.size(); i++) {
      CompletableFuture<List<Task>> out = raws.get(i).tasks();
      List<String> listed;
      try {
        listed = result(names.get(i));
      } catch (Exception e) {
        out.completeExceptionally(e);
        continue;
      }
      EntryTasks entry = new EntryTasks(listed.size(), out);
      for (int k = 0; k < listed.size(); k++) {
        if (data.ops.size() == tasksPerRequest()) {
          data.send();
          data = new Batch();
        }
        String p = bases.get(i) + "/tasks/" + listed.get(k);
        int slot = k;
        data.add(MultiReads.data(zk, p), 0, r -> entry.read(slot, new Task(p, MultiReads.data(r, p))),
            e -> entry.fail(slot, e));
      }
    }
    data.send();
  }

  /** The task reads of one entry: complete once all are in, failing with the first failed read's error. */
  private static final class EntryTasks {
    private final Task[] tasks;
    private final Exception[] failures;
    private final AtomicInteger left;
    private final CompletableFuture<List<Task>> out;

    EntryTasks(int count, CompletableFuture<List<Task>> out) {
      this.tasks = new Task[count];
      this.failures = new Exception[count];
      this.left = new AtomicInteger(count);
      this.out = out;
      if (count == 0) {
        out.complete(List.of());
      }
    }

    void read(int slot, Task task) {
      tasks[slot] = task;
      arrived();
    }

    void fail(int slot, Exception e) {
      failures[slot] = e;
      arrived();
    }

    private void arrived() {
      if (left.decrementAndGet() == 0) {
        Optional<Exception> first = Arrays.stream(failures).filter(f -> f != null).findFirst();
        if (first.isPresent()) {
          out.completeExceptionally(first.get());
        } else {
          out.complete(List.of(tasks));
        }
      }
    }
  }

  /** What to do with one read's result; throws the read's own error. */
  @FunctionalInterface
  private interface Use {
    void of(OpResult result) throws KeeperException;
  }

  /** Reads gathered into one request, each with what to do with its result and with its failure. */
  private final class Batch {
    private final List<Op> ops = new ArrayList<>();
    private final List<Use> uses = new ArrayList<>();
    private final List<Consumer<Exception>> failures = new ArrayList<>();
    private long bytes = MultiReads.RESULT_BYTES;

    void add(Op op, long size, Use use, Consumer<Exception> failure) {
      ops.add(op);
      uses.add(use);
      failures.add(failure);
      bytes += size;
    }

    void send() {
      if (ops.isEmpty()) {
        return;
      }
      MultiReads.send(zk, ops, ops.get(0).getPath()).whenComplete((results, failure) -> {
        for (int j = 0; j < ops.size(); j++) {
          try {
            if (failure != null) {
              throw cause(failure);
            }
            uses.get(j).of(results.get(j));
          } catch (Exception e) {
            failures.get(j).accept(e);
          }
        }
      });
    }
  }

  private static Exception cause(Throwable failure) {
    Throwable t = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    return t instanceof Exception e ? e : new CompletionException(t);
  }

  private static <T> void forward(CompletableFuture<T> out, T value, Throwable failure) {
    if (failure != null) {
      out.completeExceptionally(cause(failure));
    } else {
      out.complete(value);
    }
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
