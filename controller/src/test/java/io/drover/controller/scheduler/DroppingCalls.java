package io.drover.controller.scheduler;

import io.drover.controller.mesos.SchedulerCalls;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Fault injection around the real client's calls: every ACCEPT is lost on the way, as when the
 * scheduler dies right after persisting a launch and before sending it. Everything else passes.
 */
final class DroppingCalls implements SchedulerCalls {
  final AtomicInteger dropped = new AtomicInteger();
  private final SchedulerCalls delegate;

  DroppingCalls(SchedulerCalls delegate) {
    this.delegate = delegate;
  }

  @Override
  public void accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
    dropped.incrementAndGet();
  }

  @Override
  public void decline(List<OfferID> offerIds, Filters filters) {
    delegate.decline(offerIds, filters);
  }

  @Override
  public void revive(Collection<String> roles) {
    delegate.revive(roles);
  }

  @Override
  public void suppress(Collection<String> roles) {
    delegate.suppress(roles);
  }

  @Override
  public void kill(TaskID taskId, AgentID agentId) {
    delegate.kill(taskId, agentId);
  }

  @Override
  public void acknowledge(TaskStatus status) {
    delegate.acknowledge(status);
  }

  @Override
  public void reconcile(List<Call.Reconcile.Task> tasks) {
    delegate.reconcile(tasks);
  }

  @Override
  public void teardown() {
    delegate.teardown();
  }
}
