package io.drover.controller.store;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.WatchedEvent;

/**
 * What this replica writes under a {@link ChildrenCache}'s parent, handed to the cache so that it
 * need not read its own writes back: in an allocation pass's burst the status cache read and
 * decoded dozens of statuses the status writer had just written, on the session the desired cache
 * reads on (docs/performance.md, reconcile-latency, tenth round).
 *
 * <p>The writer says which children it is about to write ({@link #writing}), then how each was
 * written, data and stat from its multi-op's answer ({@link #written}). A watch event carries the
 * zxid of the transaction that fired it. An event of a child no newer than the node written ({@code
 * zxid <= mzxid}) is answered by that node, applied in the event's place as a read's answer would
 * be; so changes are still applied in ZooKeeper's order, never older over newer ({@code mzxid}
 * decides, as for reads), and listeners are told as before. An event that comes while a write of its
 * child is on its way waits for the write's answer, and only the newest event waiting is answered
 * (it stands for the node's latest state). Any other event (a deletion, another's change, a write
 * that failed or whose outcome is unknown, a server that gives no zxid) is read as before. Every
 * decision runs on the cache's events executor; only the count of writes in flight is changed
 * by the writer. Thread-safe.
 */
final class OwnWrites {
  private final AnswerHandOff handOff;
  private final Consumer<String> read;
  private final BiConsumer<String, ChildData> apply;
  /** Writes sent and not yet answered, per child; counted up by the writer before it sends. */
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  /** The newest node this replica wrote per child, until an event as new comes (events executor). */
  private final Map<String, ChildData> known = new ConcurrentHashMap<>();
  /** The newest zxid of the events that came while a write of their child was in flight (events executor). */
  private final Map<String, Long> waiting = new ConcurrentHashMap<>();

  /**
   * @param read reads a child and applies what it finds
   * @param apply applies a child's node as a read's answer, on the events executor
   */
  OwnWrites(AnswerHandOff handOff, Consumer<String> read, BiConsumer<String, ChildData> apply) {
    this.handOff = handOff;
    this.read = read;
    this.apply = apply;
  }

  /** Before sending a write of {@code names}; {@link #written} must follow, whatever the outcome. */
  void writing(Collection<String> names) {
    names.forEach(name -> inFlight.merge(name, 1, Integer::sum));
  }

  /**
   * After the write of {@code names} (as given to {@link #writing}).
   *
   * @param nodes the children written, as written (data, and the stat the answer gave); empty when the
   *     write failed or its outcome is unknown, so their events are read
   */
  void written(Collection<String> names, Map<String, ChildData> nodes) {
    if (names.isEmpty()) {
      return; // a batch of creates and deletes only: nothing to hand over to the events executor
    }
    handOff.hand(() -> () -> {
      for (String name : names) {
        ChildData node = nodes.get(name);
        if (node != null) {
          known.merge(name, node, (held, now) -> mzxid(now) > mzxid(held) ? now : held);
        }
        // Counted down only after the node is known: the client's event thread, looking at the count
        // first (onWatched), then sees one or the other.
        if (inFlight.computeIfPresent(name, (n, count) -> count == 1 ? null : count - 1) == null) {
          Long newest = waiting.remove(name);
          if (newest != null) {
            onEvent(name, newest);
          }
        }
      }
    });
  }

  /** A watch event of child {@code name}, on the client's event thread: settled here or read. */
  void onWatched(String name, long zxid) {
    if (zxid == WatchedEvent.NO_ZXID || (!inFlight.containsKey(name) && !known.containsKey(name))) {
      read.accept(name);
    } else {
      handOff.hand(() -> () -> onEvent(name, zxid));
    }
  }

  /**
   * A reconnection's load is starting: it reads every child, and what is held here may predate a
   * change whose event was lost (a deletion the load applies must not be undone by it).
   */
  void reloading() {
    handOff.hand(() -> () -> {
      waiting.clear();
      known.clear();
    });
  }

  private void onEvent(String name, long zxid) {
    if (inFlight.containsKey(name)) {
      waiting.merge(name, zxid, Math::max);
      return;
    }
    ChildData node = known.get(name);
    long written = node == null ? Long.MIN_VALUE : mzxid(node);
    if (zxid >= written) {
      known.remove(name); // no later event can be answered by it
    }
    if (zxid <= written) {
      apply.accept(name, node);
    } else {
      read.accept(name);
    }
  }

  private static long mzxid(ChildData node) {
    return node.getStat().getMzxid();
  }
}
