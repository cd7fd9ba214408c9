package io.drover.cli;

import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.DesiredWrite;
import io.drover.controller.store.StoreException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Executes planned changes in order, printing {@code service/NAME created|configured|unchanged|
 * pruned} for each once it is done. A conflict stops at that change: the ones before it are done
 * (and printed), the rest are not attempted, and the error says to re-run. The writes go to the
 * store together ({@link DesiredStore#writeAll}: a few multi-ops rather than a round trip each).
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
    List<Integer> positions = new ArrayList<>();
    List<DesiredWrite> writes = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      if (change.writes() && !dryRun) {
        positions.add(i);
        writes.add(write(change));
      }
    }
    Printer printer = new Printer(changes, counts);
    try {
      store.writeAll(writes, w -> printer.through(positions.get(w)));
    } finally {
      // Unchanged services up to the failed write were reached, as when writing one at a time.
      int failed = positions.size() > printer.done ? positions.get(printer.done) : changes.size();
      printer.through(failed - 1);
    }
    return Collections.unmodifiableMap(counts);
  }

  /** Prints (and counts) the changes in order, up to a given one. */
  private final class Printer {
    private final List<Change> changes;
    private final Map<Change.Kind, Integer> counts;
    private int printed;
    private int done;

    Printer(List<Change> changes, Map<Change.Kind, Integer> counts) {
      this.changes = changes;
      this.counts = counts;
    }

    /** Prints every change up to and including position {@code last} not printed yet. */
    void through(int last) {
      for (; printed <= last; printed++) {
        Change change = changes.get(printed);
        if (change.writes() && !dryRun) {
          done++;
        }
        counts.merge(change.kind(), 1, Integer::sum);
        out.println("service/" + change.name() + " " + change.kind().past()
            + (dryRun && change.writes() ? " (dry run)" : ""));
      }
    }
  }

  private static DesiredWrite write(Change change) {
    return switch (change.kind()) {
      case CREATE -> DesiredWrite.create(change.name(), change.content());
      case UPDATE -> DesiredWrite.update(change.name(), change.content(), change.expectedGeneration());
      case PRUNE -> DesiredWrite.delete(change.name(), change.expectedGeneration());
      case UNCHANGED -> throw new IllegalArgumentException("an unchanged service writes nothing");
    };
  }
}
