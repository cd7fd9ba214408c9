package io.drover.bench;

import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The floor for {@code launch-throughput}: the same number of tasks of the same size (0.01 CPU,
 * 8 MiB, no port reservation) launched straight through mesos-local's scheduler API by a minimal
 * framework ({@link PipelinedScheduler}: calls pipelined on one connection, as Mesos's own scheduler
 * library sends them), with no ZooKeeper, plans or persistence. Each offer gets up to its agent's
 * share of the tasks in one LAUNCH (no RESERVE: Drover reserves first), every update is
 * acknowledged, and the run ends when every task is TASK_RUNNING. The cluster is the benchmark's
 * own (production intervals, no-process agents).
 */
final class RawLaunch {

  /** How long the launch took from the client's start, and how many agents it used. */
  record Result(long nanos, long firstRunningNanos, int agentsUsed) {}

  private RawLaunch() {}

  /**
   * The launch measured after one unmeasured launch of the same size on its own cluster, so the
   * figure is mesos-local's rate rather than the class loading and compilation of a cold JVM (which
   * took 1.5-2 s of a 2.5 s run under load).
   */
  static Result warmedUp(Path dir, int agents, int tasks, Duration limit) throws Exception {
    run(dir.resolve("warm-up"), agents, tasks, limit);
    return run(dir.resolve("measured"), agents, tasks, limit);
  }

  static Result run(Path dir, int agents, int tasks, Duration limit) throws Exception {
    try (LocalCluster cluster = BenchCluster.builder(dir, agents).start()) {
      int perAgent = (tasks + agents - 1) / agents;
      Listener listener = new Listener(tasks, perAgent);
      long start = System.nanoTime();
      try (PipelinedScheduler scheduler = new PipelinedScheduler(URI.create(cluster.mesos().url()), listener)) {
        listener.scheduler = scheduler;
        scheduler.start(framework(), limit);
        Deadline deadline = Deadline.in(limit);
        Poll.until(() -> !listener.running.isEmpty() || scheduler.failure() != null, Duration.ofMillis(5), deadline,
            "a first raw task to run");
        long first = System.nanoTime() - start;
        Poll.until(() -> listener.running.size() == tasks || scheduler.failure() != null, Duration.ofMillis(5),
            deadline, "all " + tasks + " raw tasks to be TASK_RUNNING (" + listener.launched + " launched)");
        if (scheduler.failure() != null) {
          throw new IllegalStateException("the raw launch failed: " + scheduler.failure());
        }
        return new Result(System.nanoTime() - start, first, listener.agentsUsed.size());
      }
    }
  }

  /** What Drover's client subscribes with (its own role, multi-role, partition aware), named bench-raw. */
  private static FrameworkInfo framework() {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser(System.getProperty("user.name"))
        .setName("bench-raw").addRoles("bench-raw").setCheckpoint(true);
    for (FrameworkInfo.Capability.Type type : List.of(FrameworkInfo.Capability.Type.MULTI_ROLE,
        FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT, FrameworkInfo.Capability.Type.PARTITION_AWARE)) {
      info.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(type));
    }
    return info.build();
  }

  /** Fills offers, acknowledges updates; runs on the scheduler's event reader thread. */
  private static final class Listener implements Consumer<Event> {
    private final int tasks;
    private final int perAgent;
    private int launched;
    final Set<String> running = ConcurrentHashMap.newKeySet();
    final Set<String> agentsUsed = ConcurrentHashMap.newKeySet();
    private final Set<String> filled = new HashSet<>();
    volatile PipelinedScheduler scheduler;

    Listener(int tasks, int perAgent) {
      this.tasks = tasks;
      this.perAgent = perAgent;
    }

    @Override
    public void accept(Event event) {
      if (event.getType() == Event.Type.OFFERS) {
        event.getOffers().getOffersList().forEach(this::fill);
      } else if (event.getType() == Event.Type.UPDATE) {
        TaskStatus st = event.getUpdate().getStatus();
        if (st.getState() == TaskState.TASK_RUNNING) {
          running.add(st.getTaskId().getValue());
        }
        if (st.hasUuid()) {
          scheduler.send(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
              .setAgentId(st.getAgentId()).setTaskId(st.getTaskId()).setUuid(st.getUuid())));
        }
      }
    }

    private void fill(Offer offer) {
      List<TaskInfo> batch = new ArrayList<>();
      // one agent's share per agent, as a spread placement would give it
      if (filled.add(offer.getAgentId().getValue())) {
        while (batch.size() < perAgent && launched < tasks) {
          batch.add(task("raw-" + launched++, offer));
        }
      }
      if (batch.isEmpty()) {
        scheduler.send(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
            .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(3600))));
        return;
      }
      agentsUsed.add(offer.getAgentId().getValue());
      scheduler.send(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
          .addOfferIds(offer.getId())
          .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
              .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(batch)))
          .setFilters(Filters.newBuilder().setRefuseSeconds(1))));
    }

    private static TaskInfo task(String id, Offer offer) {
      return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
          .setAgentId(offer.getAgentId()).setCommand(CommandInfo.newBuilder().setValue("sleep 3600"))
          .addResources(scalar("cpus", 0.01, offer)).addResources(scalar("mem", 8, offer)).build();
    }

    private static Resource scalar(String name, double value, Offer offer) {
      Resource.Builder r = Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
          .setScalar(Value.Scalar.newBuilder().setValue(value));
      if (offer.hasAllocationInfo()) {
        r.setAllocationInfo(offer.getAllocationInfo());
      }
      return r.build();
    }
  }
}
