package io.drover.controller.metrics;

import com.google.common.base.Suppliers;
import io.drover.api.status.TaskRow;
import io.drover.reconcile.service.ObservedService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * The controller's process-wide meters, exported in the Prometheus format on {@code /metrics}.
 * Other meters are registered where they are measured: {@code drover.reconciles} (timer by
 * outcome), {@code drover.fenced.writes}, and the Mesos client's {@code drover.mesos.*}.
 *
 * <ul>
 *   <li>{@code drover.leader}: 1 while this replica leads by its fence's own checks (elected, connected
 *       and not suspended, on its term's session): what its writes and Mesos subscription require
 *   <li>{@code drover.zookeeper.connection{state}}: 1 for the current connection state (bound by
 *       {@link io.drover.controller.store.StoreConnection#bindMetrics})
 *   <li>{@code drover.reconcile.queue.depth}: services waiting to be reconciled, and
 *       {@code drover.reconcile.inflight}: reconciles running
 *   <li>{@code drover.tasks{state}}: tasks of all services by Mesos state (on the leader)
 * </ul>
 */
public final class ControllerMetrics {
  /** Meter name prefixes owned by one leadership term; removed when it ends. */
  private static final List<String> TERM_PREFIXES = List.of("drover.mesos.", "drover.scheduler.");

  private ControllerMetrics() {}

  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  public static void bindLeadership(MeterRegistry registry, BooleanSupplier acting) {
    Gauge.builder("drover.leader", () -> acting.getAsBoolean() ? 1 : 0)
        .description("1 while this replica leads: elected, connected, not suspended, on its term's session")
        .register(registry);
  }

  public static void bindQueue(MeterRegistry registry, IntSupplier depth, IntSupplier inFlight) {
    Gauge.builder("drover.reconcile.queue.depth", depth::getAsInt)
        .description("services waiting to be reconciled")
        .register(registry);
    Gauge.builder("drover.reconcile.inflight", inFlight::getAsInt)
        .description("reconciles running now")
        .register(registry);
  }

  /** Tasks by state, from a snapshot of the scheduler's services taken at most once a second. */
  public static void bindTasks(MeterRegistry registry, Supplier<Map<String, ObservedService>> services) {
    Supplier<Map<String, Long>> counts =
        Suppliers.memoizeWithExpiration(
            () -> countByState(services.get()), Duration.ofSeconds(1).toNanos(), TimeUnit.NANOSECONDS);
    for (TaskState state : TaskState.values()) {
      Gauge.builder("drover.tasks", () -> counts.get().getOrDefault(state.name(), 0L))
          .description("tasks of all services by Mesos state")
          .tag("state", state.name())
          .register(registry);
    }
  }

  /** Removes the meters of an ended leadership term, so the next term registers fresh ones. */
  public static void removeTermMeters(MeterRegistry registry) {
    for (Meter m : registry.getMeters()) {
      String name = m.getId().getName();
      if (TERM_PREFIXES.stream().anyMatch(name::startsWith)) {
        registry.remove(m);
      }
    }
  }

  private static Map<String, Long> countByState(Map<String, ObservedService> services) {
    return services.values().stream()
        .flatMap(s -> s.tasks() == null ? Stream.<TaskRow>empty() : s.tasks().stream())
        .filter(t -> t.state() != null)
        .collect(Collectors.groupingBy(TaskRow::state, Collectors.counting()));
  }
}
