package io.drover.controller.mesos;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the events of a subscription mean for the client: SUBSCRIBED stores the framework id,
 * enables calls, arms the watchdog and starts reconciliation; ERROR distinguishes a failover to
 * another instance (stop for good), removal of the framework (retire its id, start over as a new
 * framework) and anything else (subscribe again); UPDATEs answer reconciliation. Runs on the
 * dispatch thread only; {@link #frameworkId()} and {@link #isSubscribed()} may be read anywhere, and
 * the subscription awaited from any other thread. This is the one place the listener is called,
 * shielded: a listener that throws is logged and the stream goes on.
 */
final class StreamEvents {

  private static final Logger LOG = LoggerFactory.getLogger(StreamEvents.class);
  private static final Duration MIN_HEARTBEAT = Duration.ofMillis(100);

  /** What the event interpretation may ask of the connection. */
  interface Control {
    /** Stops the client for good; false when it was already stopping. */
    boolean stopActing(String reason);

    /** A SUBSCRIBED arrived: reset the reconnect backoff. */
    void subscriptionUp();
  }

  private final ClientSettings settings;
  private final SchedulerEventListener listener;
  private final FrameworkIdStore idStore;
  private final CallSender calls;
  private final HeartbeatWatchdog watchdog;
  private final TaskReconciliation reconciliation;
  private final ClientMetrics metrics;
  private final Control control;

  private final CurrentSession session = new CurrentSession();
  private volatile FrameworkID frameworkId;
  private FrameworkID storedId;
  private boolean idLoaded;

  StreamEvents(ClientSettings settings, SchedulerEventListener listener, FrameworkIdStore idStore,
      CallSender calls, HeartbeatWatchdog watchdog, TaskReconciliation reconciliation,
      ClientMetrics metrics, Control control) {
    this.settings = settings;
    this.listener = listener;
    this.idStore = idStore;
    this.calls = calls;
    this.watchdog = watchdog;
    this.reconciliation = reconciliation;
    this.metrics = metrics;
    this.control = control;
  }

  Optional<FrameworkID> frameworkId() {
    return Optional.ofNullable(frameworkId);
  }

  boolean isSubscribed() {
    return session.get() != null;
  }

  /** Waits for a subscription, from any thread but the dispatch thread. */
  Optional<FrameworkID> awaitSubscribed(Duration timeout) throws InterruptedException {
    return session.awaitUp(timeout);
  }

  /** Waits until framework {@code id} is no longer subscribed, from any thread but the dispatch thread. */
  boolean awaitEndOf(FrameworkID id, Duration timeout) throws InterruptedException {
    return session.awaitEndOf(id, timeout);
  }

  /**
   * Reads the stored framework id once; empty when ready to subscribe, else why not. Subscribing
   * without knowing it would register a second framework and orphan the tasks of the first.
   */
  Optional<String> loadFrameworkId() {
    if (idLoaded) {
      return Optional.empty();
    }
    try {
      storedId = idStore.load().orElse(null);
    } catch (Exception e) {
      return Optional.of("could not read the framework id at " + idStore.location() + ": " + e);
    }
    frameworkId = storedId;
    idLoaded = true;
    if (storedId == null) {
      LOG.info("No framework id stored at {}: subscribing as a new framework", idStore.location());
    } else {
      LOG.info("Subscribing as framework {} (stored at {})", storedId.getValue(), idStore.location());
    }
    return Optional.empty();
  }

  Call subscribeCall() {
    FrameworkID id = frameworkId;
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(settings.framework().toFrameworkInfo(id)));
    if (id != null) {
      call.setFrameworkId(id);
    }
    return call.build();
  }

  void onEvent(Subscription subscription, Event event) {
    switch (event.getType()) {
      case SUBSCRIBED -> onSubscribed(subscription, event.getSubscribed());
      case HEARTBEAT -> { }
      case ERROR -> onError(subscription, event.getError().getMessage());
      case UPDATE -> {
        TaskStatus status = event.getUpdate().getStatus();
        if (status.isInitialized()) {
          tell("event(UPDATE)", () -> listener.event(event));
        } else {
          unreadable(status);
        }
        if (reconciliation.answered(status.getTaskId())) {
          tell("reconciled", listener::reconciled);
        }
      }
      default -> tell("event(" + event.getType() + ")", () -> listener.event(event));
    }
  }

  /**
   * An update this client cannot read, such as a task state newer than the 1.11 protos: the
   * scheduler must not act on a state it does not know, and the agent must not wait for it
   * forever (it holds back the task's later updates until this one is acknowledged).
   */
  private void unreadable(TaskStatus status) {
    LOG.warn("Ignoring an update of task {} that this client cannot read (missing {}); acknowledging it so"
        + " later updates flow", status.getTaskId().getValue(), status.findInitializationErrors());
    if (status.hasTaskId()) {
      calls.acknowledge(status);
    }
  }

  /** The stream of {@code subscription} ended; returns whether it had been SUBSCRIBED. */
  boolean streamEnded(Subscription subscription) {
    Session up = session.get();
    watchdog.stop();
    reconciliation.stop();
    if (up == null || up.subscription() != subscription) {
      return false;
    }
    quiesce();
    return true;
  }

  void disconnected(String reason) {
    tell("disconnected", () -> listener.disconnected(reason));
  }

  /** No calls, timers or subscription state from here on (until the next SUBSCRIBED). */
  void quiesce() {
    session.set(null);
    calls.deactivate();
    watchdog.stop();
    reconciliation.stop();
    metrics.subscribed(false);
  }

  private void onSubscribed(Subscription subscription, Event.Subscribed subscribed) {
    FrameworkID id = subscribed.getFrameworkId();
    // Remember it before storing: a resubscription after a failed write must keep this id.
    frameworkId = id;
    if (!id.equals(storedId)) {
      try {
        idStore.store(id);
        storedId = id;
        LOG.info("Stored framework id {} at {}", id.getValue(), idStore.location());
      } catch (FrameworkIdStore.Refused e) {
        if (control.stopActing("this controller may no longer write (" + e.getMessage() + ")")) {
          tell("failedOver", () -> listener.failedOver("lost leadership while storing framework id " + id.getValue()));
        }
        return;
      } catch (Exception e) {
        subscription.abort("could not store framework id " + id.getValue() + " at "
            + idStore.location() + ": " + e);
        return;
      }
    }
    Duration interval = subscribed.hasHeartbeatIntervalSeconds()
        ? Duration.ofMillis((long) (subscribed.getHeartbeatIntervalSeconds() * 1000))
        : settings.initialHeartbeatInterval();
    if (interval.compareTo(MIN_HEARTBEAT) < 0) {
      interval = MIN_HEARTBEAT;
    }
    Session up = new Session(subscription, id);
    session.set(up);
    calls.activate(up);
    control.subscriptionUp();
    metrics.subscribed(true);
    watchdog.watch(subscription, interval);
    LOG.info("Subscribed as framework {} via {} (heartbeat every {} ms)", id.getValue(),
        subscription.endpoint(), interval.toMillis());
    int heartbeatSeconds = (int) Math.max(1, Math.round(interval.toMillis() / 1000.0));
    tell("subscribed", () -> listener.subscribed(id, heartbeatSeconds));
    if (reconciliation.begin(settings.knownTasks().toReconcile())) {
      tell("reconciled", listener::reconciled);
    }
  }

  private void onError(Subscription subscription, String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("failed over")) {
      if (control.stopActing("Mesos says another scheduler took over the framework: " + message)) {
        tell("failedOver", () -> listener.failedOver(message));
      }
    } else if (lower.contains("framework has been removed") || lower.contains("framework removed")) {
      onFrameworkRemoved(subscription, message);
    } else {
      LOG.error("Mesos reported an error on {}: {}", subscription, message);
      subscription.abort("Mesos error: " + message);
    }
  }

  private void onFrameworkRemoved(Subscription subscription, String message) {
    String gone = frameworkId == null ? "(unknown)" : frameworkId.getValue();
    LOG.error("Mesos removed framework {} ({}): all of its tasks are gone. Retiring its id at {}"
        + " and subscribing as a new framework; services will be redeployed.", gone, message, idStore.location());
    try {
      idStore.retire();
    } catch (FrameworkIdStore.Refused e) {
      if (control.stopActing("this controller may no longer write (" + e.getMessage() + ")")) {
        tell("failedOver", () -> listener.failedOver("lost leadership while retiring framework id " + gone));
      }
      return;
    } catch (Exception e) {
      LOG.error("Could not delete the retired framework id at {}: {}; the next SUBSCRIBED overwrites it",
          idStore.location(), e.toString());
    }
    frameworkId = null;
    storedId = null;
    quiesce();
    tell("frameworkRemoved", () -> listener.frameworkRemoved(message));
    subscription.abort("Mesos removed framework " + gone);
  }

  /** Calls the listener; one that throws is logged and the stream goes on, so the client's own state stays whole. */
  private static void tell(String callback, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("SchedulerEventListener.{} threw; continuing with the next event", callback, e);
    }
  }
}
