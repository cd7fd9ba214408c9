package io.drover.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The stop-the-world garbage collections of this JVM while it is open, as its collector beans
 * report them (a concurrent collector's cycle bean, "ZGC Cycles" or "Shenandoah Cycles", is left
 * out: its work runs beside the application). A latency sample whose window holds such a pause
 * waited for it, whatever the code did: the scenarios count those samples so a tail can be told
 * apart from the code's own waiting. The beans time a collection in milliseconds from their own
 * origin (not {@code RuntimeMXBean}'s uptime: that one is off by tens of milliseconds); it is
 * placed on {@link System#nanoTime()} by the notifications themselves, each sent after its
 * collection ended: the earliest any arrived after its end bounds the offset.
 */
final class GcPauses implements AutoCloseable {
  /** One pause, in {@link System#nanoTime()} terms. */
  record Pause(long startNanos, long endNanos) {
    long nanos() {
      return endNanos - startNanos;
    }
  }

  /** A collection as the beans time it, in milliseconds from their origin. */
  private record Collected(long startMs, long endMs) {}

  /** Guarded by {@link #collected}: the smallest {@code arrival - end} seen, the beans' origin in nanoTime. */
  private long originNanos = Long.MAX_VALUE;
  private final List<Collected> collected = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onCollection;

  private GcPauses() {}

  /** Starts recording. */
  static GcPauses record() {
    GcPauses g = new GcPauses();
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!bean.getName().endsWith("Cycles") && bean instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(g.listener, null, null);
        g.emitters.add(emitter);
      }
    }
    return g;
  }

  /** The collectors of this JVM, as named by their beans ("G1 Young Generation, G1 Old Generation"). */
  static String collectors() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(", "));
  }

  /** The pauses that overlap {@code [fromNanos, toNanos]}. */
  List<Pause> within(long fromNanos, long toNanos) {
    synchronized (collected) {
      long origin = originNanos;
      return collected.stream()
          .map(c -> new Pause(origin + c.startMs() * 1_000_000, origin + c.endMs() * 1_000_000))
          .filter(p -> p.endNanos() >= fromNanos && p.startNanos() <= toNanos)
          .toList();
    }
  }

  private void onCollection(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    long arrived = System.nanoTime();
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long start = info.getGcInfo().getStartTime();
    long end = Math.max(start, info.getGcInfo().getEndTime());
    synchronized (collected) {
      collected.add(new Collected(start, end));
      originNanos = Math.min(originNanos, arrived - end * 1_000_000);
    }
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // never added: nothing to remove
      }
    }
  }
}
