package io.drover.bench;

import io.drover.controller.store.StorePaths;
import io.drover.local.Deadline;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Creates many desired documents quickly to set a scenario up (the write itself is not what is
 * measured there): pipelined creates, at most 500 in flight, each holding the same YAML
 * {@code drover apply} would store.
 */
final class BulkWriter {
  private static final int IN_FLIGHT = 500;

  private BulkWriter() {}

  /** Creates services {@code from..to-1} with {@code count} pod instances each, within 5 minutes. */
  static void createServices(CuratorFramework client, StorePaths paths, int from, int to, int count)
      throws Exception {
    try {
      client.create().creatingParentsIfNeeded().forPath(paths.services(), new byte[0]);
    } catch (KeeperException.NodeExistsException e) {
      // Already there: a previous step made it.
    }
    Semaphore slots = new Semaphore(IN_FLIGHT);
    AtomicReference<String> failure = new AtomicReference<>();
    Deadline deadline = Deadline.in(java.time.Duration.ofMinutes(5));
    for (int i = from; i < to; i++) {
      acquire(slots, 1, deadline);
      String name = ServiceDocuments.name(i);
      client.create()
          .inBackground((c, event) -> {
            if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
              failure.compareAndSet(null, event.getPath() + ": "
                  + KeeperException.Code.get(event.getResultCode()));
            }
            slots.release();
          })
          .forPath(paths.service(name), ServiceDocuments.bytes(name, count));
    }
    acquire(slots, IN_FLIGHT, deadline);
    if (failure.get() != null) {
      throw new IllegalStateException("cannot create the scenario's documents: " + failure.get());
    }
  }

  private static void acquire(Semaphore slots, int permits, Deadline deadline) throws Exception {
    if (!slots.tryAcquire(permits, deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("creating the scenario's documents took more than 5 minutes");
    }
  }
}
