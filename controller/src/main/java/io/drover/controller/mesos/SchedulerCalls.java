package io.drover.controller.mesos;

import java.util.Collection;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The v1 scheduler calls the scheduler runtime may make, one method per {@link Call.Type}, always
 * on the current subscription (its framework id and {@code Mesos-Stream-Id}).
 *
 * <p>Calls are asynchronous and never block the caller on the network: a call made while no
 * subscription is up is dropped and counted, since Mesos forgets offers across subscriptions and
 * every decision is re-derived after the next SUBSCRIBED. Implementations are thread-safe.
 */
public interface SchedulerCalls {

  /** ACCEPT: apply {@code operations} to the offers (all from one agent). */
  void accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters);

  /** DECLINE the offers; {@code filters.refuse_seconds} says for how long. */
  void decline(List<OfferID> offerIds, Filters filters);

  /** REVIVE offers for the roles (all roles when empty). */
  void revive(Collection<String> roles);

  /** SUPPRESS offers for the roles (all roles when empty). */
  void suppress(Collection<String> roles);

  /** KILL a task; {@code agentId} may be null when unknown. */
  void kill(TaskID taskId, AgentID agentId);

  /** ACKNOWLEDGE an update; does nothing for updates without a uuid (reconciliation answers). */
  void acknowledge(TaskStatus status);

  /** RECONCILE the given tasks explicitly, or all of them (implicit) when the list is empty. */
  void reconcile(List<Call.Reconcile.Task> tasks);

  /** TEARDOWN the framework: Mesos kills every task and forgets the framework id. */
  void teardown();
}
