package io.drover.controller.mesos;

import java.time.Duration;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * The controller's only connection to Mesos: one v1 scheduler HTTP API subscription, kept up
 * across master failovers, dropped connections and silent streams, with the FrameworkID kept in
 * ZooKeeper so that every (re)subscription, by this process or a successor, is the same framework.
 *
 * <p>Events reach the {@link SchedulerEventListener} one at a time in stream order on a dedicated
 * dispatch thread; {@link #calls()} may be used from any thread. After every SUBSCRIBED the client
 * reconciles the {@link KnownTasks} explicitly until each answered (then tells the listener
 * {@link SchedulerEventListener#reconciled()}), and implicitly at a fixed interval afterwards.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once. When Mesos says another instance took
 * over the framework the client stops acting on its own (no reconnect) and the listener hears
 * {@link SchedulerEventListener#failedOver}; only {@link #close()} is left to do.
 */
public interface MesosSchedulerClient extends AutoCloseable {

  static SchedulerClientBuilder builder() {
    return new SchedulerClientBuilder();
  }

  /**
   * Starts detecting masters and subscribing in the background; returns at once.
   *
   * @throws IllegalStateException when already started or closed
   */
  void start();

  /** The calls of the current subscription; a call made while unsubscribed is dropped and counted. */
  SchedulerCalls calls();

  /** The framework id of the current or last subscription, or the stored one before that. */
  Optional<FrameworkID> frameworkId();

  /** True while a subscription is up (SUBSCRIBED received, stream not yet lost). */
  boolean isSubscribed();

  /**
   * Waits until a subscription is up; its framework id, or empty when none came within {@code
   * timeout}. Not from a listener callback (those run on the thread that brings the subscription).
   */
  Optional<FrameworkID> awaitSubscribed(Duration timeout) throws InterruptedException;

  /**
   * Waits until no subscription of framework {@code id} is up (the stream ended, or the framework
   * was removed, also when a new framework subscribes right after); false when one still is after
   * {@code timeout}. Not from a listener callback.
   */
  boolean awaitEndOf(FrameworkID id, Duration timeout) throws InterruptedException;

  /** Drops the subscription (Mesos keeps the framework and its tasks) and stops every thread. */
  @Override
  void close();
}
