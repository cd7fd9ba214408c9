package io.drover.controller.mesos;

import io.drover.controller.time.Timers;
import io.drover.reconcile.state.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Configures a {@link MesosSchedulerClient}. Required: {@link #master}, {@link #framework} and
 * {@link #frameworkIdStore}; every other setting has a production default. Not thread-safe.
 */
public final class SchedulerClientBuilder {

  private String master;
  private FrameworkConfig framework;
  private FrameworkIdStore frameworkIds;
  private SubscribeGate subscribeGate = SubscribeGate.OPEN;
  private KnownTasks knownTasks = Map::of;
  private MeterRegistry registry;
  private Encoding encoding = Encoding.PROTOBUF;
  private Duration requestTimeout = Duration.ofSeconds(10);
  private Backoff reconnectBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private Backoff reconciliationBackoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(2));
  private Duration implicitReconciliationInterval = Duration.ofMinutes(15);
  private Duration initialHeartbeatInterval = Duration.ofSeconds(15);
  private int missedHeartbeats = 5;
  private int eventQueueCapacity = 1_024;
  private int maxRecordBytes = 64 * 1024 * 1024;
  private Clock clock = Clock.systemUTC();
  private Timers timers;
  private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

  SchedulerClientBuilder() {}

  /** {@code http://host:port[,host:port...]} or {@code zk://[user:pw@]host:port[,...]/path}. */
  public SchedulerClientBuilder master(String url) {
    this.master = Objects.requireNonNull(url, "master");
    return this;
  }

  public SchedulerClientBuilder framework(FrameworkConfig config) {
    this.framework = Objects.requireNonNull(config, "framework");
    return this;
  }

  /** Where the FrameworkID is kept between runs and across replicas. */
  public SchedulerClientBuilder frameworkIdStore(FrameworkIdStore store) {
    this.frameworkIds = Objects.requireNonNull(store, "frameworkIdStore");
    return this;
  }

  /** Asked before every SUBSCRIBE, the first and every reconnect; open by default. */
  public SchedulerClientBuilder subscribeGate(SubscribeGate gate) {
    this.subscribeGate = Objects.requireNonNull(gate, "subscribeGate");
    return this;
  }

  /** The tasks to reconcile explicitly after every SUBSCRIBED (none by default). */
  public SchedulerClientBuilder knownTasks(KnownTasks tasks) {
    this.knownTasks = Objects.requireNonNull(tasks, "knownTasks");
    return this;
  }

  public SchedulerClientBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  public SchedulerClientBuilder encoding(Encoding wireEncoding) {
    this.encoding = Objects.requireNonNull(wireEncoding, "encoding");
    return this;
  }

  /** Bound on every call, and on SUBSCRIBE until the response headers arrive (10 s). */
  public SchedulerClientBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout, "requestTimeout");
    return this;
  }

  /** Delay between subscription attempts, jittered (1 s doubling to 30 s). */
  public SchedulerClientBuilder reconnectBackoff(Backoff backoff) {
    this.reconnectBackoff = Objects.requireNonNull(backoff, "reconnectBackoff");
    return this;
  }

  /** Delay before re-sending unanswered explicit reconciliation (5 s doubling to 2 min). */
  public SchedulerClientBuilder reconciliationBackoff(Backoff backoff) {
    this.reconciliationBackoff = Objects.requireNonNull(backoff, "reconciliationBackoff");
    return this;
  }

  /** Period of implicit reconciliation once explicit reconciliation is done (15 min). */
  public SchedulerClientBuilder implicitReconciliationInterval(Duration interval) {
    this.implicitReconciliationInterval = positive(interval, "implicitReconciliationInterval");
    return this;
  }

  /** Heartbeat interval assumed until SUBSCRIBED states the real one (15 s, Mesos's default). */
  public SchedulerClientBuilder initialHeartbeatInterval(Duration interval) {
    this.initialHeartbeatInterval = positive(interval, "initialHeartbeatInterval");
    return this;
  }

  /** Silent heartbeat intervals after which the stream is dropped (5). */
  public SchedulerClientBuilder missedHeartbeats(int intervals) {
    this.missedHeartbeats = atLeastOne(intervals, "missedHeartbeats");
    return this;
  }

  /** Events read ahead of the listener before the reader blocks (1024). */
  public SchedulerClientBuilder eventQueueCapacity(int capacity) {
    this.eventQueueCapacity = atLeastOne(capacity, "eventQueueCapacity");
    return this;
  }

  /** Largest event accepted; a larger one drops the stream (64 MiB). */
  public SchedulerClientBuilder maxRecordBytes(int bytes) {
    this.maxRecordBytes = atLeastOne(bytes, "maxRecordBytes");
    return this;
  }

  public SchedulerClientBuilder clock(Clock wallClock) {
    this.clock = Objects.requireNonNull(wallClock, "clock");
    return this;
  }

  /** Timers the caller owns; by default the client runs its own single timer thread. */
  public SchedulerClientBuilder timers(Timers scheduler) {
    this.timers = Objects.requireNonNull(scheduler, "timers");
    return this;
  }

  /** Source of jitter, uniform in [0, 1). */
  public SchedulerClientBuilder random(DoubleSupplier uniform) {
    this.random = Objects.requireNonNull(uniform, "random");
    return this;
  }

  /**
   * Builds a client that reports to {@code listener}; nothing connects before {@code start()}.
   *
   * @throws IllegalStateException naming the missing setting
   * @throws IllegalArgumentException when the master URL is malformed
   */
  public MesosSchedulerClient build(SchedulerEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (master == null) {
      throw new IllegalStateException("no Mesos master: call master(\"http://host:5050\") or master(\"zk://host:2181/mesos\")");
    }
    if (framework == null) {
      throw new IllegalStateException("no framework configuration: call framework(FrameworkConfig.named(...))");
    }
    if (frameworkIds == null) {
      throw new IllegalStateException("no framework id store: call frameworkIdStore(...)");
    }
    ClientSettings settings = new ClientSettings(MasterDetector.forUrl(master), framework, frameworkIds, subscribeGate,
        knownTasks,
        registry != null ? registry : new SimpleMeterRegistry(), encoding, requestTimeout,
        reconnectBackoff, reconciliationBackoff, implicitReconciliationInterval,
        initialHeartbeatInterval, missedHeartbeats, eventQueueCapacity, maxRecordBytes, clock,
        timers, random);
    return new SchedulerClientImpl(settings, listener);
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  private static int atLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }
}
