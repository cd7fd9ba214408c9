package io.drover.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;

/**
 * The raw ZooKeeper round trip the controller's latency is compared with: one client writes a
 * node with {@code setData}, another, holding a persistent recursive watch on its parent (as the
 * controller's cache does on {@code /drover/services}), is notified. A sample is the time from
 * just before the write to the notification's arrival on the watcher's event thread.
 */
final class WatchRoundTrip {
  private static final String PARENT = "/bench-watch";
  private static final String NODE = PARENT + "/node";

  private final CuratorFramework writer;
  private final CuratorFramework watcher;
  private final byte[] payload;

  /** Two distinct clients (two sessions, two connections), as a CLI and a controller are. */
  WatchRoundTrip(CuratorFramework writer, CuratorFramework watcher, int payloadBytes) {
    this.writer = writer;
    this.watcher = watcher;
    this.payload = new byte[payloadBytes];
    Arrays.fill(payload, "x".getBytes(StandardCharsets.US_ASCII)[0]);
  }

  /**
   * Takes {@code warmup} unrecorded samples, then up to {@code samples} recorded ones, stopping
   * early when {@code deadline} passes; returns the recorded samples in nanoseconds.
   */
  long[] measure(int warmup, int samples, Deadline deadline) throws Exception {
    BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    writer.create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
        .forPath(NODE, payload);
    Watcher onChange =
        event -> {
          if (event.getType() == EventType.NodeDataChanged && NODE.equals(event.getPath())) {
            arrivals.add(System.nanoTime());
          }
        };
    watcher.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher(onChange)
        .forPath(PARENT);
    try {
      long[] recorded = new long[samples];
      int count = 0;
      for (int i = 0; i < warmup + samples && !deadline.passed(); i++) {
        long start = System.nanoTime();
        writer.setData().forPath(NODE, payload);
        Long arrived = arrivals.poll(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        if (arrived == null) {
          throw new TimeoutException("no watch notification for write " + (i + 1)
              + " before the time limit: is ZooKeeper overloaded?");
        }
        if (i >= warmup) {
          recorded[count++] = arrived - start;
        }
      }
      return Arrays.copyOf(recorded, count);
    } finally {
      watcher.watchers().remove(onChange).ofType(Watcher.WatcherType.Any).forPath(PARENT);
    }
  }
}
