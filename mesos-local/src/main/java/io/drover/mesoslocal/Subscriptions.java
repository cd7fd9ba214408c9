package io.drover.mesoslocal;

import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework lifecycles: SUBSCRIBE (new, resubscribing, failing over another connection, or
 * recovered after a master failover), heartbeats, disconnection with its failover timeout, and
 * removal (TEARDOWN or timeout: tasks killed, framework completed). Owned by the master loop.
 */
final class Subscriptions {

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

  private final MasterState state;
  private final MasterLoop loop;
  private final Config config;
  private final Allocator allocator;
  private final Agents agents;
  private final StatusUpdates updates;
  private boolean heartbeatsPaused;

  Subscriptions(MasterState state, MasterLoop loop, Config config, Allocator allocator, Agents agents,
      StatusUpdates updates) {
    this.state = state;
    this.loop = loop;
    this.config = config;
    this.allocator = allocator;
    this.agents = agents;
    this.updates = updates;
  }

  void subscribe(EventStream stream, Call.Subscribe subscribe) {
    FrameworkInfo info = subscribe.getFrameworkInfo();
    String error = FrameworkValidation.validate(info);
    if (error == null) {
      error = FrameworkValidation.validateSuppressedRoles(info, subscribe.getSuppressedRolesList());
    }
    if (error == null && info.hasId() && state.completedFrameworks.contains(info.getId().getValue())) {
      error = "Framework has been removed";
    }
    FrameworkRecord existing = info.hasId() ? state.frameworks.get(info.getId().getValue()) : null;
    if (error == null && existing != null && principalChanged(existing.info, info)) {
      error = "Changing framework's principal is not allowed.";
    }
    if (error != null) {
      log.info("Refusing subscription of framework '{}': {}", info.getName(), error);
      stream.send(error(error));
      stream.close();
      return;
    }
    FrameworkRecord framework;
    if (existing == null) {
      framework = new FrameworkRecord(info.hasId() && !info.getId().getValue().isEmpty() ? info.getId()
          : state.newFrameworkId(), info, state.clock.millis());
      framework.info = info.toBuilder().setId(framework.id).build();
      state.frameworks.put(framework.idValue(), framework);
      log.info("Framework {} ({}) subscribed", framework.idValue(), info.getName());
    } else {
      framework = existing;
      // As Mesos: a framework recovered after a master failover registers anew, any other reregisters.
      framework.reregisteredAt = state.clock.millis();
      if (framework.recovered) {
        framework.registeredAt = framework.reregisteredAt;
      }
      if (framework.connected()) {
        framework.stream.send(error("Framework failed over"));
        framework.stream.close();
      }
      framework.info = preserveImmutable(framework.info, info);
      allocator.discardFrameworkOffers(framework);
      log.info("Framework {} ({}) resubscribed", framework.idValue(), info.getName());
    }
    if (framework.failoverTimer != null) {
      framework.failoverTimer.cancel(false);
      framework.failoverTimer = null;
    }
    framework.stream = stream;
    framework.active = true;
    framework.recovered = false;
    framework.suppressedRoles.clear();
    framework.suppressedRoles.addAll(subscribe.getSuppressedRolesList());
    framework.send(Event.newBuilder()
        .setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(framework.id)
            .setHeartbeatIntervalSeconds(config.heartbeatInterval().toMillis() / 1000.0)
            .setMasterInfo(state.masterInfo))
        .build());
    startHeartbeats(framework);
    updates.resume(framework);
    allocator.requestPass();
  }

  /** UPDATE_FRAMEWORK: new roles or capabilities take effect for the next offers. */
  String update(FrameworkRecord framework, Call.UpdateFramework update) {
    FrameworkInfo info = update.getFrameworkInfo();
    String error = FrameworkValidation.validate(info);
    if (error == null) {
      error = FrameworkValidation.validateSuppressedRoles(info, update.getSuppressedRolesList());
    }
    if (error == null && !info.getId().equals(framework.id)) {
      error = "'UpdateFramework.framework_info.id' is not the framework's id";
    }
    if (error == null && principalChanged(framework.info, info)) {
      error = "Changing framework's principal is not allowed.";
    }
    if (error != null) {
      return error;
    }
    framework.info = preserveImmutable(framework.info, info);
    framework.suppressedRoles.clear();
    framework.suppressedRoles.addAll(update.getSuppressedRolesList());
    allocator.discardFrameworkOffers(framework);
    allocator.requestPass();
    return null;
  }

  /** The framework's stream broke: it stays known, inactive, until its failover timeout. */
  void disconnected(EventStream stream) {
    for (FrameworkRecord f : state.frameworks.values()) {
      if (f.stream == stream) {
        disconnect(f);
        return;
      }
    }
  }

  private void disconnect(FrameworkRecord f) {
    log.info("Framework {} disconnected; failover timeout {} s", f.idValue(), f.info.getFailoverTimeout());
    f.stream.close();
    f.stream = null;
    f.active = false;
    stopHeartbeats(f);
    allocator.discardFrameworkOffers(f);
    Duration timeout = Duration.ofNanos((long) (f.info.getFailoverTimeout() * 1e9));
    f.failoverTimer = loop.schedule(timeout, () -> {
      f.failoverTimer = null;
      if (!f.connected() && state.frameworks.get(f.idValue()) == f) {
        log.info("Framework {} failover timeout elapsed; removing it", f.idValue());
        remove(f);
      }
    });
  }

  /** TEARDOWN or failover timeout: kills its tasks, closes its stream, forbids it to come back. */
  void remove(FrameworkRecord f) {
    if (f.stream != null) {
      f.stream.close();
      f.stream = null;
    }
    stopHeartbeats(f);
    if (f.failoverTimer != null) {
      f.failoverTimer.cancel(false);
    }
    allocator.forgetFramework(f);
    agents.shutdownFramework(f);
    f.active = false;
    state.completed(new CompletedFramework(f, List.copyOf(f.tasks.values()), state.now()));
    f.tasks.clear();
    state.frameworks.remove(f.idValue());
    state.completedFrameworks.add(f.idValue());
    allocator.requestPass();
  }

  /**
   * A new leading master: connections drop, frameworks without tasks are forgotten, the others
   * wait (recovered, without a failover timer) for their scheduler to subscribe again.
   */
  void masterFailover() {
    for (FrameworkRecord f : List.copyOf(state.frameworks.values())) {
      if (f.stream != null) {
        f.stream.close();
        f.stream = null;
      }
      stopHeartbeats(f);
      if (f.failoverTimer != null) {
        f.failoverTimer.cancel(false);
        f.failoverTimer = null;
      }
      f.active = false;
      f.recovered = true;
      f.suppressedRoles.clear();
      f.completedTasks.clear();
      if (f.tasks.isEmpty()) {
        state.frameworks.remove(f.idValue());
      }
    }
    state.completedFrameworks.clear();
    state.removedFrameworks.clear();
  }

  void pauseHeartbeats(Duration duration) {
    heartbeatsPaused = true;
    loop.schedule(duration, () -> heartbeatsPaused = false);
  }

  private void startHeartbeats(FrameworkRecord f) {
    stopHeartbeats(f);
    sendHeartbeat(f);
    f.heartbeat = loop.every(config.heartbeatInterval(), () -> sendHeartbeat(f));
  }

  private void sendHeartbeat(FrameworkRecord f) {
    if (!heartbeatsPaused) {
      f.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
    }
  }

  private static void stopHeartbeats(FrameworkRecord f) {
    if (f.heartbeat != null) {
      f.heartbeat.cancel(false);
      f.heartbeat = null;
    }
  }

  /** {@code preserveImmutableFields}: user and checkpoint keep their first values. */
  private static FrameworkInfo preserveImmutable(FrameworkInfo old, FrameworkInfo next) {
    return next.toBuilder().setId(old.getId()).setUser(old.getUser()).setCheckpoint(old.getCheckpoint()).build();
  }

  /** {@code validateUpdate}: a framework may not gain, lose or change its principal. */
  private static boolean principalChanged(FrameworkInfo old, FrameworkInfo next) {
    return old.hasPrincipal() != next.hasPrincipal() || !old.getPrincipal().equals(next.getPrincipal());
  }

  static Event error(String message) {
    return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message)).build();
  }
}
