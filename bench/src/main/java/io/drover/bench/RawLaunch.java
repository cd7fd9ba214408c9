package io.drover.bench;

import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.FrameworkIdStore;
import io.drover.controller.mesos.MesosSchedulerClient;
import io.drover.controller.mesos.SchedulerEventListener;
import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The floor for {@code launch-throughput}: the same number of tasks of the same size (0.01 CPU,
 * 8 MiB, no port reservation) launched straight through mesos-local's scheduler API by a minimal
 * framework on Drover's Mesos client, with no ZooKeeper, plans or persistence. Each offer gets up
 * to its agent's share of the tasks in one LAUNCH (no RESERVE: Drover reserves first), every update
 * is acknowledged, and the run ends when every task is TASK_RUNNING. The cluster is the benchmark's
 * own (production intervals, no-process agents).
 */
final class RawLaunch {

  /** How long the launch took from the client's start, and how many agents it used. */
  record Result(long nanos, long firstRunningNanos, int agentsUsed) {}

  private RawLaunch() {}

  static Result run(Path dir, int agents, int tasks, Duration limit) throws Exception {
    try (LocalCluster cluster = BenchCluster.builder(dir, agents).start()) {
      int perAgent = (tasks + agents - 1) / agents;
      AtomicInteger launched = new AtomicInteger();
      Set<String> running = ConcurrentHashMap.newKeySet();
      Set<String> agentsUsed = ConcurrentHashMap.newKeySet();
      Listener listener = new Listener(tasks, perAgent, launched, running, agentsUsed);
      MesosSchedulerClient client = MesosSchedulerClient.builder().master(cluster.mesos().url())
          .framework(FrameworkConfig.named("bench-raw")).frameworkIdStore(new InMemoryIds()).build(listener);
      listener.client = client;
      long start = System.nanoTime();
      try (client) {
        client.start();
        Deadline deadline = Deadline.in(limit);
        Poll.until(() -> !running.isEmpty(), Duration.ofMillis(5), deadline, "a first raw task to run");
        long first = System.nanoTime() - start;
        Poll.until(() -> running.size() == tasks, Duration.ofMillis(20), deadline,
            "all " + tasks + " raw tasks to be TASK_RUNNING (" + launched.get() + " launched)");
        return new Result(System.nanoTime() - start, first, agentsUsed.size());
      }
    }
  }

  /** Fills offers, acknowledges updates; runs on the client's dispatch thread. */
  private static final class Listener implements SchedulerEventListener {
    private final int tasks;
    private final int perAgent;
    private final AtomicInteger launched;
    private final Set<String> running;
    private final Set<String> agentsUsed;
    private final Set<String> filled = ConcurrentHashMap.newKeySet();
    volatile MesosSchedulerClient client;

    Listener(int tasks, int perAgent, AtomicInteger launched, Set<String> running, Set<String> agentsUsed) {
      this.tasks = tasks;
      this.perAgent = perAgent;
      this.launched = launched;
      this.running = running;
      this.agentsUsed = agentsUsed;
    }

    @Override
    public void event(Event event) {
      if (event.getType() == Event.Type.OFFERS) {
        event.getOffers().getOffersList().forEach(this::fill);
      } else if (event.getType() == Event.Type.UPDATE) {
        TaskStatus st = event.getUpdate().getStatus();
        if (st.getState() == TaskState.TASK_RUNNING) {
          running.add(st.getTaskId().getValue());
        }
        client.calls().acknowledge(st);
      }
    }

    private void fill(Offer offer) {
      List<TaskInfo> batch = new ArrayList<>();
      // one agent's share per agent, as a spread placement would give it
      if (filled.add(offer.getAgentId().getValue())) {
        while (batch.size() < perAgent && launched.get() < tasks) {
          batch.add(task("raw-" + launched.getAndIncrement(), offer));
        }
      }
      Filters filters = Filters.newBuilder().setRefuseSeconds(1).build();
      if (batch.isEmpty()) {
        client.calls().decline(List.of(offer.getId()), Filters.newBuilder().setRefuseSeconds(3600).build());
        return;
      }
      agentsUsed.add(offer.getAgentId().getValue());
      List<Offer.Operation> ops = List.of(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
          .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(batch)).build());
      client.calls().accept(List.of(offer.getId()), ops, filters);
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

  /** The framework id, kept in memory for the run. */
  private static final class InMemoryIds implements FrameworkIdStore {
    private volatile FrameworkID id;

    @Override
    public String location() {
      return "memory";
    }

    @Override
    public Optional<FrameworkID> load() {
      return Optional.ofNullable(id);
    }

    @Override
    public void store(FrameworkID newId) {
      id = newId;
    }

    @Override
    public void retire() {
      id = null;
    }
  }
}
