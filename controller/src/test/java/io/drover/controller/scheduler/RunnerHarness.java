package io.drover.controller.scheduler;

import com.google.protobuf.ByteString;
import io.drover.api.model.ServiceResource;
import io.drover.controller.time.ManualTimers;
import io.drover.reconcile.service.ObservedService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.AllocationInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A {@link MultiServiceRunner} with no ZooKeeper, no HTTP and no thread of its own: an {@link
 * InMemoryServiceStore}, {@link RecordedCalls} sharing one journal, {@link ManualTimers}, and a
 * loop the test drains. Every method that hands the runner something drains the loop before it
 * returns, so the test sees the outcome at once; listeners run on the loop. Ids are {@code id-1},
 * {@code id-2}, ...
 */
final class RunnerHarness implements AutoCloseable {
  static final String ROLE = "drover";
  static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue("framework-1").build();
  static final SchedulerSettings SETTINGS = SchedulerSettings.defaults("drover");

  final List<String> journal = new ArrayList<>();
  final InMemoryServiceStore store = new InMemoryServiceStore(journal);
  final RecordedCalls calls = new RecordedCalls(journal);
  final ManualTimers timers = new ManualTimers();
  /** Services reported uninstalled, in order. */
  final List<String> uninstalled = new ArrayList<>();
  private MultiServiceRunner runner;
  private int ids;
  private int offers;
  private int updates;

  /** A service of {@code count} instances of one small task, {@code app-<index>-server}. */
  static ServiceResource service(String name, int count) {
    return service(name, count, 0.1);
  }

  /** A service of {@code count} instances of one task, {@code app-<index>-server}, of {@code cpus}. */
  static ServiceResource service(String name, int count, double cpus) {
    return SchedulerFixture.service("""
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: %s}
        spec:
          pods:
            app:
              count: %d
              tasks:
                server: {cmd: "exec sleep 600", cpus: %s, memory: 32}
        """.formatted(name, count, cpus));
  }

  /** Starts a runner on the store: it recovers what is stored. */
  MultiServiceRunner start() throws Exception {
    runner = MultiServiceRunner.builder(store, timers)
        .settings(SETTINGS)
        .loop(timers.workers())
        .listenerExecutor(Runnable::run)
        .ids(() -> "id-" + ++ids)
        .build();
    runner.addListener(new ObservedServiceListener() {
      @Override
      public void uninstalled(String name) {
        uninstalled.add(name);
      }
    });
    runner.start(calls);
    drain();
    return runner;
  }

  /** Closes the runner and starts another on the same store, as a controller restart does. */
  MultiServiceRunner restart() throws Exception {
    runner.close();
    drain();
    journal.clear();
    return start();
  }

  MultiServiceRunner runner() {
    return runner;
  }

  /**
   * Starts the runner, subscribes, and launches {@code name}, one instance of {@link #service}, on
   * agent a1; returns its task. The journal then starts empty.
   */
  TaskInfo launched(String name) throws Exception {
    start();
    subscribe();
    put(service(name, 1), 1);
    offer(unreserved("a1"));
    journal.clear();
    return calls.launched().get(calls.launched().size() - 1);
  }

  /** {@link #launched}, and the task runs. The journal then starts empty. */
  TaskInfo running(String name) throws Exception {
    TaskInfo task = launched(name);
    update(task, TaskState.TASK_RUNNING);
    journal.clear();
    return task;
  }

  /** A subscription is up. */
  void subscribe() {
    runner.subscribed(FRAMEWORK, 15);
    drain();
  }

  /** The client heard about every task it asked about after the subscription. */
  void reconciled() {
    runner.reconciled();
    drain();
  }

  CompletableFuture<Void> put(ServiceResource service, long generation) {
    CompletableFuture<Void> f = runner.putService(SchedulerFixture.target(service, generation));
    drain();
    return f;
  }

  CompletableFuture<Void> uninstall(String name) {
    CompletableFuture<Void> f = runner.uninstallService(name);
    drain();
    return f;
  }

  void offer(Offer... offered) {
    backToBack(offers(offered));
  }

  /** Mesos sends {@code events} one after another before the loop runs any of them; then the loop runs. */
  void backToBack(Event... events) {
    for (Event e : events) {
      runner.event(e);
    }
    drain();
  }

  static Event offers(Offer... offered) {
    return Event.newBuilder().setType(Event.Type.OFFERS)
        .setOffers(Event.Offers.newBuilder().addAllOffers(List.of(offered))).build();
  }

  /** An executor's update (with a uuid, so it wants an acknowledgement) of a launched task, as an event. */
  Event updateOf(TaskInfo task, TaskState state) {
    return updateEvent(TaskStatus.newBuilder().setTaskId(task.getTaskId()).setAgentId(task.getAgentId()).setState(state)
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFromUtf8("update-" + ++updates)).build());
  }

  private static Event updateEvent(TaskStatus status) {
    return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(status)).build();
  }

  /** Sends an executor's update (with a uuid, so it wants an acknowledgement) of a launched task. */
  TaskStatus update(TaskInfo task, TaskState state) {
    return update(task.getTaskId(), task.getAgentId(), state);
  }

  TaskStatus update(TaskID taskId, AgentID agentId, TaskState state) {
    return send(TaskStatus.newBuilder().setTaskId(taskId).setAgentId(agentId).setState(state)
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFromUtf8("update-" + ++updates)).build());
  }

  /** Sends the master's answer to an explicit reconciliation of the task (no uuid: not acknowledged). */
  TaskStatus answer(TaskInfo task, TaskState state) {
    return send(TaskStatus.newBuilder().setTaskId(task.getTaskId()).setAgentId(task.getAgentId()).setState(state)
        .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(TaskStatus.Reason.REASON_RECONCILIATION).build());
  }

  private TaskStatus send(TaskStatus status) {
    backToBack(updateEvent(status));
    return status;
  }

  /** Moves time on, running the ticks that fall due. */
  void advance(Duration d) {
    timers.advance(d);
    drain();
  }

  /** Runs every message queued on the runner's loop, and those they queue. */
  void drain() {
    timers.runWorkers();
  }

  ObservedService service(String name) {
    return runner.services().get(name);
  }

  /** An offer of plenty of unreserved resources on {@code agent}. */
  Offer unreserved(String agent) {
    return offer(agent, List.of(
        scalar("cpus", 4), scalar("mem", 4096), scalar("disk", 10_000),
        Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
            .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(31099))).build()));
  }

  /** An offer of resources reserved earlier (as the RESERVE operations named them), as Mesos offers them once free. */
  Offer reserved(String agent, List<Resource> resources) {
    return offer(agent, resources);
  }

  private Offer offer(String agent, List<Resource> resources) {
    Offer.Builder o = Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("offer-" + ++offers))
        .setFrameworkId(FRAMEWORK)
        .setAgentId(AgentID.newBuilder().setValue(agent))
        .setHostname(agent + ".example")
        .setAllocationInfo(AllocationInfo.newBuilder().setRole(ROLE));
    resources.forEach(r -> o.addResources(r.toBuilder().setAllocationInfo(AllocationInfo.newBuilder().setRole(ROLE))));
    return o.build();
  }

  private static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  @Override
  public void close() {
    if (runner != null) {
      runner.close();
    }
  }
}
