package io.drover.controller.scheduler;

import io.drover.controller.mesos.SchedulerCalls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The scheduler's calls to Mesos, recorded instead of sent: each as a value, and as a line in the
 * journal it shares with {@link InMemoryServiceStore} ({@code ACCEPT [RESERVE, LAUNCH]}, {@code
 * DECLINE 300s}, {@code KILL <task id>}, {@code ACKNOWLEDGE <task id>}, {@code REVIVE}, ...).
 * Single-threaded, like the tests that drain the scheduler's loop themselves.
 */
final class RecordedCalls implements SchedulerCalls {
  record Accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {}

  record Decline(List<OfferID> offerIds, Filters filters) {}

  final List<Accept> accepts = new ArrayList<>();
  final List<Decline> declines = new ArrayList<>();
  final List<TaskID> kills = new ArrayList<>();
  final List<TaskStatus> acknowledged = new ArrayList<>();
  final List<List<Call.Reconcile.Task>> reconciles = new ArrayList<>();
  private final List<String> journal;

  RecordedCalls(List<String> journal) {
    this.journal = journal;
  }

  /** Every task launched so far, in order. */
  List<TaskInfo> launched() {
    return operations(Offer.Operation.Type.LAUNCH).stream()
        .flatMap(op -> op.getLaunch().getTaskInfosList().stream()).toList();
  }

  /** Every resource reserved so far, as the RESERVE operations named it. */
  List<Resource> reserved() {
    return operations(Offer.Operation.Type.RESERVE).stream()
        .flatMap(op -> op.getReserve().getResourcesList().stream()).toList();
  }

  List<Offer.Operation> operations(Offer.Operation.Type type) {
    return accepts.stream().flatMap(a -> a.operations().stream()).filter(op -> op.getType() == type).toList();
  }

  /** The journal lines of calls of one kind, e.g. {@code REVIVE}. */
  long count(String call) {
    return journal.stream().filter(line -> line.equals(call) || line.startsWith(call + " ")).count();
  }

  @Override
  public void accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
    accepts.add(new Accept(List.copyOf(offerIds), List.copyOf(operations), filters));
    journal.add("ACCEPT " + operations.stream().map(Offer.Operation::getType).toList());
  }

  @Override
  public void decline(List<OfferID> offerIds, Filters filters) {
    declines.add(new Decline(List.copyOf(offerIds), filters));
    journal.add("DECLINE " + Math.round(filters.getRefuseSeconds()) + "s");
  }

  @Override
  public void revive(Collection<String> roles) {
    journal.add("REVIVE");
  }

  @Override
  public void suppress(Collection<String> roles) {
    journal.add("SUPPRESS");
  }

  @Override
  public void kill(TaskID taskId, AgentID agentId) {
    kills.add(taskId);
    journal.add("KILL " + taskId.getValue());
  }

  @Override
  public void acknowledge(TaskStatus status) {
    acknowledged.add(status);
    journal.add("ACKNOWLEDGE " + status.getTaskId().getValue());
  }

  @Override
  public void reconcile(List<Call.Reconcile.Task> tasks) {
    reconciles.add(List.copyOf(tasks));
    journal.add("RECONCILE " + tasks.size());
  }

  @Override
  public void teardown() {
    journal.add("TEARDOWN");
  }
}
