package io.drover.controller.mesos;

import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@link SchedulerCalls} over HTTP on the current {@link Session}. Calls whose order matters reach
 * the master in the order they were made, each sent when the calls before it got their answers or
 * timed out; acknowledgements and the ACCEPTs and DECLINEs of one round go out side by side
 * ({@link CallLanes}). A call without a session is dropped and counted, and so is a call still
 * waiting for its turn when its session ends (a lost stream, a new subscription, the client
 * closed): Mesos would refuse it, as it refuses a call on a stream it no longer knows, and what it
 * was for comes again to the next subscription (updates not acknowledged are sent again, offers
 * not answered are rescinded), as Mesos's own scheduler library drops calls while disconnected. A
 * call is sent once (a retried ACCEPT could double-launch), its outcome counted and logged when
 * Mesos refuses it (202 is the only success); once its session has ended, a failure is logged at
 * debug level only. Never blocks the caller.
 */
final class CallSender implements SchedulerCalls {

  private static final Logger LOG = LoggerFactory.getLogger(CallSender.class);
  private static final int MAX_LOGGED_TEXT = 300;

  private final SchedulerHttp http;
  private final ClientMetrics metrics;
  private final AtomicReference<Session> session = new AtomicReference<>();
  private final CallLanes lanes = new CallLanes();

  CallSender(SchedulerHttp http, ClientMetrics metrics) {
    this.http = http;
    this.metrics = metrics;
  }

  /** Sends on {@code next} from now on; its calls do not wait for those of an earlier session. */
  void activate(Session next) {
    session.set(next);
    lanes.reset();
  }

  /** Stops sending; calls are dropped until the next {@link #activate}. */
  void deactivate() {
    session.set(null);
  }

  @Override
  public void accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
    Call.Accept.Builder accept = Call.Accept.newBuilder().addAllOfferIds(offerIds).addAllOperations(operations);
    if (filters != null) {
      accept.setFilters(filters);
    }
    send(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(accept));
  }

  @Override
  public void decline(List<OfferID> offerIds, Filters filters) {
    Call.Decline.Builder decline = Call.Decline.newBuilder().addAllOfferIds(offerIds);
    if (filters != null) {
      decline.setFilters(filters);
    }
    send(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(decline));
  }

  @Override
  public void revive(Collection<String> roles) {
    send(Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addAllRoles(roles)));
  }

  @Override
  public void suppress(Collection<String> roles) {
    send(Call.newBuilder().setType(Call.Type.SUPPRESS)
        .setSuppress(Call.Suppress.newBuilder().addAllRoles(roles)));
  }

  @Override
  public void kill(TaskID taskId, AgentID agentId) {
    Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(taskId);
    if (agentId != null) {
      kill.setAgentId(agentId);
    }
    send(Call.newBuilder().setType(Call.Type.KILL).setKill(kill));
  }

  @Override
  public void acknowledge(TaskStatus status) {
    if (!status.hasUuid()) {
      return; // reconciliation answers and master-generated updates are not acknowledged
    }
    if (!status.hasAgentId()) {
      LOG.warn("Not acknowledging the update of task {}: it has a uuid but no agent id",
          status.getTaskId().getValue());
      metrics.call(Call.Type.ACKNOWLEDGE, ClientMetrics.Outcome.DROPPED);
      return;
    }
    send(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())));
  }

  @Override
  public void reconcile(List<Call.Reconcile.Task> tasks) {
    send(Call.newBuilder().setType(Call.Type.RECONCILE)
        .setReconcile(Call.Reconcile.newBuilder().addAllTasks(tasks)));
  }

  @Override
  public void teardown() {
    send(Call.newBuilder().setType(Call.Type.TEARDOWN));
  }

  private void send(Call.Builder builder) {
    Call.Type type = builder.getType();
    Session current = session.get();
    if (current == null) {
      LOG.debug("Dropping {}: not subscribed", type);
      metrics.call(type, ClientMetrics.Outcome.DROPPED);
      return;
    }
    if (builder.hasAccept()) {
      withExecutorsOf(builder.getAcceptBuilder(), current.frameworkId());
    }
    Call call = builder.setFrameworkId(current.frameworkId()).build();
    lanes.submit(call, () -> {
      if (session.get() != current) {
        LOG.debug("Dropping {}: its subscription ended before its turn came", type);
        metrics.call(type, ClientMetrics.Outcome.DROPPED);
        return CompletableFuture.completedFuture(null);
      }
      return http.call(current.endpoint(), current.streamId(), call)
          .whenComplete((response, error) -> record(type, current, response, error));
    });
  }

  /**
   * A task group's ExecutorInfo must name the framework (Mesos 1.11 refuses a LAUNCH_GROUP whose
   * executor has no {@code framework_id}), which only the subscription knows: the scheduler's
   * decisions leave it out and it is filled in here.
   */
  private static void withExecutorsOf(Call.Accept.Builder accept, FrameworkID frameworkId) {
    for (Offer.Operation.Builder op : accept.getOperationsBuilderList()) {
      if (op.hasLaunchGroup() && !op.getLaunchGroup().getExecutor().hasFrameworkId()) {
        op.getLaunchGroupBuilder().getExecutorBuilder().setFrameworkId(frameworkId);
      }
    }
  }

  private void record(Call.Type type, Session current, HttpResponse<String> response, Throwable error) {
    if (response != null && response.statusCode() == 202) {
      metrics.call(type, ClientMetrics.Outcome.ACCEPTED);
      return;
    }
    // A call in flight when its session ended fails or is refused as a matter of course (the stream
    // closed, the client's threads stopped): the end of the session was logged already.
    Level level = session.get() == current ? Level.WARN : Level.DEBUG;
    if (error != null) {
      LOG.atLevel(level).log("{} to {} failed: {}", type, current.endpoint(), Subscriber.describe(error));
      metrics.call(type, ClientMetrics.Outcome.FAILED);
    } else {
      LOG.atLevel(level).log("Mesos refused {} with {}: {}", type, response.statusCode(), abbreviate(response.body()));
      metrics.call(type, ClientMetrics.Outcome.REJECTED);
    }
  }

  private static String abbreviate(String text) {
    String stripped = text == null ? "" : text.strip();
    return stripped.length() <= MAX_LOGGED_TEXT ? stripped : stripped.substring(0, MAX_LOGGED_TEXT) + "...";
  }
}
