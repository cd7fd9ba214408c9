package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Launches many no-process tasks through the scheduler API: a scheduler fills every offer with tasks
 * until all are launched, acknowledging every update asynchronously, and the run ends when every
 * task is TASK_RUNNING both in the updates received and in the master's state.
 */
final class ScaleRun {

  record Result(int agents, int tasks, Duration toAllRunning) {}

  private ScaleRun() {}

  static Result run(int agents, int tasks, Duration limit) {
    try (MesosLocal cluster = MesosLocal.builder().agents(agents).noProcess(true)
        .heartbeatInterval(Duration.ofSeconds(5)).allocationInterval(Duration.ofMillis(100)).start();
         TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("scale").build())) {
      long start = System.nanoTime();
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicInteger launched = new AtomicInteger();
      AtomicInteger cursor = new AtomicInteger();
      AtomicInteger running = new AtomicInteger();
      int perOffer = (tasks + agents - 1) / agents;
      List<CompletableFuture<HttpResponse<String>>> acks = new ArrayList<>();
      await().atMost(limit).pollInterval(Duration.ofMillis(20)).until(() -> {
        List<Event> events = s.events;
        while (cursor.get() < events.size()) {
          Event e = events.get(cursor.getAndIncrement());
          if (e.getType() == Event.Type.OFFERS) {
            e.getOffers().getOffersList().forEach(o -> fill(s, o, tasks, perOffer, launched));
          } else if (e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().hasUuid()
              && seen.add(key(e.getUpdate().getStatus()))) {
            TaskStatus st = e.getUpdate().getStatus();
            if (st.getState() == TaskState.TASK_RUNNING) {
              running.incrementAndGet();
            }
            acks.add(TestScheduler.HTTP.sendAsync(TestScheduler.request(s.url, Call.newBuilder()
                .setType(Call.Type.ACKNOWLEDGE).setFrameworkId(s.frameworkId())
                .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(st.getAgentId()).setTaskId(st.getTaskId())
                    .setUuid(st.getUuid())).build(), false, s.streamId()), HttpResponse.BodyHandlers.ofString()));
          }
        }
        return running.get() == tasks;
      });
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      ClusterState state = cluster.state();
      assertThat(state.tasks()).hasSize(tasks);
      assertThat(state.tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING.name()));
      assertThat(state.tasks().stream().map(ClusterState.Task::agentId).distinct().count()).isEqualTo(agents);
      assertThat(acks).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(202));
      return new Result(agents, tasks, elapsed);
    }
  }

  private static String key(TaskStatus st) {
    return st.getTaskId().getValue() + "/" + st.getState();
  }

  /** Launches up to {@code perOffer} small tasks on the offer, or declines it once everything is launched. */
  private static void fill(TestScheduler s, Offer offer, int total, int perOffer, AtomicInteger launched) {
    double cpus = Resources.of(offer.getResourcesList()).scalar("cpus");
    int fit = (int) Math.min(perOffer, Math.floor(cpus / 0.01));
    List<TaskInfo> batch = new ArrayList<>();
    while (batch.size() < fit && launched.get() < total) {
      int n = launched.getAndIncrement();
      batch.add(TestScheduler.task("scale-" + n, offer, "sleep 3600", 0.01, 8));
    }
    if (batch.isEmpty()) {
      s.decline(offer, 3600);
    } else {
      s.launch(offer, Filters.newBuilder().setRefuseSeconds(0).build(), batch.toArray(TaskInfo[]::new));
    }
  }

  /** Runs the scale run alone: {@code ScaleRun [agents] [tasks]}, 100 and 10,000 by default. */
  public static void main(String[] args) {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Result r = run(agents, tasks, Duration.ofMinutes(10));
    System.out.printf("%d agents, %d no-process tasks: all TASK_RUNNING after %.1f s%n", r.agents(), r.tasks(),
        r.toAllRunning().toMillis() / 1000.0);
  }
}
