package io.drover.cli;

import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StoreException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Executes planned changes in order, printing {@code service/NAME created|configured|unchanged|
 * pruned} for each. A conflict stops at that change: the ones before it are done (and printed),
 * the rest are not attempted, and the error says to re-run.
 */
final class ChangeWriter {

  private final DesiredStore store;
  private final PrintWriter out;
  private final boolean dryRun;

  ChangeWriter(DesiredStore store, PrintWriter out, boolean dryRun) {
    this.store = store;
    this.out = out;
    this.dryRun = dryRun;
  }

  /** Executes (or with dry run only prints) the changes, and counts them by kind. */
  Map<Change.Kind, Integer> write(List<Change> changes) throws StoreException {
    Map<Change.Kind, Integer> counts = new EnumMap<>(Change.Kind.class);
    for (Change.Kind kind : Change.Kind.values()) {
      counts.put(kind, 0);
    }
    for (Change change : changes) {
      if (!dryRun) {
        execute(change);
      }
      counts.merge(change.kind(), 1, Integer::sum);
      out.println("service/" + change.name() + " " + change.kind().past()
          + (dryRun && change.writes() ? " (dry run)" : ""));
    }
    return counts;
  }

  private void execute(Change change) throws StoreException {
    switch (change.kind()) {
      case CREATE -> store.create(change.name(), change.content());
      case UPDATE -> store.update(change.name(), change.content(), change.expectedGeneration());
      case PRUNE -> store.delete(change.name(), change.expectedGeneration());
      case UNCHANGED -> { }
    }
  }
}
