package io.drover.controller.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Packs ZooKeeper operations into multi-ops that each stay well within ZooKeeper's request limit
 * ({@code jute.maxbuffer}, 1 MiB by default; a larger request is refused with "Len error" and the
 * connection dropped). An operation's size is estimated as its data plus its path and a fixed
 * allowance for the operation's header and ACL, so many small operations (deletes of thousands of
 * task nodes) are split as surely as a few large ones. Operations keep their order.
 */
final class OpBatches {
  /**
   * 128 KiB under the default limit: room for the fencing check and for estimation error, and
   * above the largest single node Drover writes (a service's spec, at most 768 KiB once expanded,
   * which validation enforces).
   */
  static final int BUDGET_BYTES = 896 * 1024;
  private static final int PER_OP_BYTES = 128;

  private final List<List<CuratorOp>> batches = new ArrayList<>();
  private List<CuratorOp> current = new ArrayList<>();
  private int bytes;
  private long total;

  /** Adds an operation carrying {@code data} (null for none) at {@code path}. */
  OpBatches add(CuratorOp op, String path, byte[] data) {
    int size = cost(path, data);
    if (size > BUDGET_BYTES) {
      throw new IllegalArgumentException(path + " would hold " + size + " bytes; ZooKeeper requests are kept under "
          + BUDGET_BYTES);
    }
    if (bytes + size > BUDGET_BYTES && !current.isEmpty()) {
      cut();
    }
    current.add(op);
    bytes += size;
    total += size;
    return this;
  }

  /** Ends the current batch: later operations go into a new one (e.g. to commit a group on its own). */
  OpBatches cut() {
    if (!current.isEmpty()) {
      batches.add(current);
      current = new ArrayList<>();
      bytes = 0;
    }
    return this;
  }

  /** The estimated size of every operation added, over all batches. */
  long bytes() {
    return total;
  }

  /** How many batches are complete so far (the one being filled not counted). */
  int batchesSoFar() {
    return batches.size();
  }

  /** The batches, in order; none when nothing was added. */
  List<List<CuratorOp>> batches() {
    cut();
    return List.copyOf(batches);
  }

  static int cost(String path, byte[] data) {
    return (data == null ? 0 : data.length) + 2 * path.getBytes(StandardCharsets.UTF_8).length + PER_OP_BYTES;
  }
}
