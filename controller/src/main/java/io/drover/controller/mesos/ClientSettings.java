package io.drover.controller.mesos;

import io.drover.controller.time.Timers;
import io.drover.reconcile.state.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Everything the builder gathered, validated, for the client implementation. */
record ClientSettings(
    MasterDetector detector,
    FrameworkConfig framework,
    FrameworkIdStore frameworkIds,
    SubscribeGate subscribeGate,
    KnownTasks knownTasks,
    MeterRegistry registry,
    Encoding encoding,
    Duration requestTimeout,
    Backoff reconnectBackoff,
    Backoff reconciliationBackoff,
    Duration implicitReconciliationInterval,
    Duration initialHeartbeatInterval,
    int missedHeartbeats,
    int eventQueueCapacity,
    int maxRecordBytes,
    Clock clock,
    Timers timers,
    DoubleSupplier random) {}
