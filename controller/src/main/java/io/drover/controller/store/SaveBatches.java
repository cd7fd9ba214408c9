package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Packs the changes of several services into shared multi-ops within {@link
 * OpBatches#BUDGET_BYTES}, each service's operations whole in one of them, in the order added: one
 * request (one round trip, one disk sync on the server) saves many services. A change too large
 * for one request is not packed; it is saved on its own, in several.
 */
final class SaveBatches {

  /** One multi-op and the changes it carries. */
  record Multi(List<CuratorOp> ops, List<ServiceStore.Change> changes) {}

  private final List<Multi> multis = new ArrayList<>();
  private List<CuratorOp> ops = new ArrayList<>();
  private List<ServiceStore.Change> changes = new ArrayList<>();
  private long bytes;

  /**
   * Adds {@code change}, whose operations are {@code diff}; false (nothing added) when they do not
   * fit one request.
   */
  boolean add(ServiceStore.Change change, OpBatches diff) {
    long size = diff.bytes();
    List<List<CuratorOp>> batches = diff.batches();
    if (batches.size() > 1) {
      return false;
    }
    if (bytes + size > OpBatches.BUDGET_BYTES && !changes.isEmpty()) {
      cut();
    }
    batches.forEach(ops::addAll);
    changes.add(change);
    bytes += size;
    return true;
  }

  /** The multi-ops, in order; a change with nothing to write rides along in one with no operation of its own. */
  List<Multi> multis() {
    cut();
    return List.copyOf(multis);
  }

  private void cut() {
    if (!changes.isEmpty()) {
      multis.add(new Multi(List.copyOf(ops), List.copyOf(changes)));
      ops = new ArrayList<>();
      changes = new ArrayList<>();
      bytes = 0;
    }
  }
}
