package io.drover.bench;

import io.drover.local.Deadline;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher;

/**
 * The raw ZooKeeper round trip the controller's latency is compared with: one client writes a
 * node with {@code setData}, another, holding a persistent recursive watch on its parent (as the
 * controller's cache does on {@code /drover/services}), is notified. A sample is the time from
 * just before the write to the notification's arrival on the watcher's event thread. Used from one
 * thread at a time.
 */
final class WatchRoundTrip {
  private static final String PARENT = "/bench-watch";
  private static final String NODE = PARENT + "/node";

  private final CuratorFramework writer;
  private final byte[] payload;
  private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

  private WatchRoundTrip(CuratorFramework writer, int payloadBytes) {
    this.writer = writer;
    this.payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
  }

  /**
   * Creates the node and the watch. Two distinct clients (two sessions, two connections), as a CLI
   * and a controller are; the watch lasts as long as the watcher's session.
   */
  static WatchRoundTrip open(CuratorFramework writer, CuratorFramework watcher, int payloadBytes)
      throws Exception {
    WatchRoundTrip rt = new WatchRoundTrip(writer, payloadBytes);
    writer.create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
        .forPath(NODE, rt.payload);
    Watcher onChange =
        event -> {
          if (event.getType() == EventType.NodeDataChanged && NODE.equals(event.getPath())) {
            rt.arrivals.add(System.nanoTime());
          }
        };
    watcher.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher(onChange)
        .forPath(PARENT);
    return rt;
  }

  /** One round trip, in nanoseconds; fails when no notification comes before the deadline. */
  long sample(Deadline deadline) throws Exception {
    long start = System.nanoTime();
    writer.setData().forPath(NODE, payload);
    Long arrived = arrivals.poll(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    if (arrived == null) {
      throw new TimeoutException(
          "no watch notification for a write before the time limit: is ZooKeeper overloaded?");
    }
    return arrived - start;
  }

  /**
   * Takes {@code warmup} unrecorded samples, then up to {@code samples} recorded ones, stopping
   * early when {@code deadline} passes; returns the recorded samples in nanoseconds.
   */
  long[] measure(int warmup, int samples, Deadline deadline) throws Exception {
    long[] recorded = new long[samples];
    int count = 0;
    for (int i = 0; i < warmup + samples && !deadline.passed(); i++) {
      long nanos = sample(deadline);
      if (i >= warmup) {
        recorded[count++] = nanos;
      }
    }
    return Arrays.copyOf(recorded, count);
  }
}
