package io.drover.controller.mesos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The client's meters. Names: {@code drover.mesos.events{type}},
 * {@code drover.mesos.calls{type,outcome}} (outcome: accepted, rejected, failed, dropped),
 * {@code drover.mesos.reconnects}, {@code drover.mesos.heartbeat.age} (seconds since the last
 * HEARTBEAT or SUBSCRIBED, NaN before the first), {@code drover.mesos.subscribed} (0 or 1) and
 * {@code drover.mesos.reconciliation.pending} (tasks not yet answered). Thread-safe.
 */
final class ClientMetrics {

  /** How a call ended. */
  enum Outcome {
    ACCEPTED, REJECTED, FAILED, DROPPED;

    String tag() {
      return name().toLowerCase();
    }
  }

  private final MeterRegistry registry;
  private final Counter reconnects;
  private final AtomicLong lastHeartbeatMillis = new AtomicLong(-1);
  private final AtomicInteger subscribed = new AtomicInteger();
  /** Held here because Micrometer references a gauge's state object only weakly. */
  private final Supplier<Integer> reconciliationPending;

  ClientMetrics(MeterRegistry registry, Clock clock, Supplier<Integer> reconciliationPending) {
    this.registry = registry;
    this.reconciliationPending = reconciliationPending;
    this.reconnects = Counter.builder("drover.mesos.reconnects")
        .description("Subscriptions lost or refused and retried").register(registry);
    TimeGauge.builder("drover.mesos.heartbeat.age", lastHeartbeatMillis, TimeUnit.MILLISECONDS,
            last -> last.get() < 0 ? Double.NaN : clock.millis() - last.get())
        .description("Time since the last HEARTBEAT or SUBSCRIBED from the master")
        .register(registry);
    Gauge.builder("drover.mesos.subscribed", subscribed, AtomicInteger::get)
        .description("1 while a subscription is up").register(registry);
    Gauge.builder("drover.mesos.reconciliation.pending", this.reconciliationPending, s -> s.get())
        .description("Known tasks whose explicit reconciliation has not been answered yet")
        .register(registry);
  }

  void eventReceived(Event.Type type) {
    registry.counter("drover.mesos.events", "type", type.name()).increment();
  }

  void heartbeat(long nowMillis) {
    lastHeartbeatMillis.set(nowMillis);
  }

  void call(Call.Type type, Outcome outcome) {
    registry.counter("drover.mesos.calls", "type", type.name(), "outcome", outcome.tag()).increment();
  }

  void reconnect() {
    reconnects.increment();
  }

  void subscribed(boolean up) {
    subscribed.set(up ? 1 : 0);
  }
}
