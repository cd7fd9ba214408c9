package io.drover.mesoslocal;

import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Every scheduler call but SUBSCRIBE, on the master loop: finds the framework and checks its stream
 * id in the order {@code Master::Http::scheduler} does (unknown framework 400, not subscribed 403,
 * missing or stale {@code Mesos-Stream-Id} 400), then routes the call.
 */
final class CallDispatcher {

  private final MasterState state;
  private final Subscriptions subscriptions;
  private final Allocator allocator;
  private final AcceptHandler accepts;
  private final Agents agents;
  private final StatusUpdates updates;
  private final Reconciliation reconciliation;

  CallDispatcher(MasterState state, Subscriptions subscriptions, Allocator allocator, AcceptHandler accepts,
      Agents agents, StatusUpdates updates, Reconciliation reconciliation) {
    this.state = state;
    this.subscriptions = subscriptions;
    this.allocator = allocator;
    this.accepts = accepts;
    this.agents = agents;
    this.updates = updates;
    this.reconciliation = reconciliation;
  }

  CallResult dispatch(Call call, String streamId) {
    FrameworkRecord framework = state.frameworks.get(call.getFrameworkId().getValue());
    if (framework == null) {
      return CallResult.badRequest("Framework cannot be found");
    }
    if (!framework.connected()) {
      return CallResult.forbidden("Framework is not subscribed");
    }
    if (streamId == null) {
      return CallResult.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    }
    if (!streamId.equals(framework.stream.id())) {
      return CallResult.badRequest("The stream ID '" + streamId + "' included in this request didn't match the"
          + " stream ID currently associated with framework ID " + framework.idValue());
    }
    switch (call.getType()) {
      case TEARDOWN:
        subscriptions.remove(framework);
        return CallResult.accepted();
      case ACCEPT:
        accepts.accept(framework, call.getAccept());
        return CallResult.accepted();
      case DECLINE:
        for (var id : call.getDecline().getOfferIdsList()) {
          OfferRecord offer = state.offers.get(id.getValue());
          if (offer != null && offer.framework() == framework) {
            allocator.remove(id.getValue());
            allocator.recover(offer, offer.resources(), call.getDecline().getFilters());
          }
        }
        return CallResult.accepted();
      case REVIVE:
        allocator.revive(framework, call.getRevive().getRolesList());
        return CallResult.accepted();
      case SUPPRESS:
        allocator.suppress(framework, call.getSuppress().getRolesList());
        return CallResult.accepted();
      case KILL:
        kill(framework, call.getKill());
        return CallResult.accepted();
      case SHUTDOWN:
        for (TaskRecord task : framework.tasks.values()) {
          if (task.executorId.equals(call.getShutdown().getExecutorId())
              && task.agent.id.equals(call.getShutdown().getAgentId())) {
            agents.kill(task, null);
          }
        }
        return CallResult.accepted();
      case ACKNOWLEDGE:
        updates.acknowledge(framework, call.getAcknowledge().getAgentId().getValue(),
            call.getAcknowledge().getTaskId().getValue(), call.getAcknowledge().getUuid());
        return CallResult.accepted();
      case RECONCILE:
        reconciliation.reconcile(framework, call.getReconcile());
        return CallResult.accepted();
      case UPDATE_FRAMEWORK: {
        String error = subscriptions.update(framework, call.getUpdateFramework());
        return error == null ? new CallResult(200, "") : CallResult.badRequest(error);
      }
      case MESSAGE:
      case REQUEST:
      case ACCEPT_INVERSE_OFFERS:
      case DECLINE_INVERSE_OFFERS:
        // Command executors ignore messages, the allocator ignores requests and no inverse offers are made.
        return CallResult.accepted();
      default:
        return new CallResult(501, call.getType() + " is not supported by mesos-local (see docs/mesos-local.md)");
    }
  }

  private void kill(FrameworkRecord framework, Call.Kill kill) {
    TaskID taskId = kill.getTaskId();
    TaskRecord task = framework.tasks.get(taskId.getValue());
    if (task == null || task.unreachable) {
      reconciliation.reconcileOne(framework, taskId, kill.hasAgentId() ? kill.getAgentId() : null);
      return;
    }
    if (kill.hasAgentId() && !kill.getAgentId().equals(task.agent.id)) {
      return;
    }
    Duration grace = kill.hasKillPolicy() && kill.getKillPolicy().hasGracePeriod()
        ? Duration.ofNanos(kill.getKillPolicy().getGracePeriod().getNanoseconds())
        : null;
    agents.kill(task, grace);
  }
}
