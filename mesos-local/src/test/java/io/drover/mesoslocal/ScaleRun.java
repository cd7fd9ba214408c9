package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Launches many no-process tasks through the scheduler API: a scheduler fills every offer with tasks
 * until all are launched, acknowledging every update asynchronously, and the run ends when every
 * task is TASK_RUNNING both in the updates received and in the master's state.
 */
final class ScaleRun {

  record Result(int agents, int tasks, Duration toAllRunning) {}

  private ScaleRun() {}

  static Result run(int agents, int tasks, Duration limit) throws InterruptedException {
    ExecutorService ackers = Executors.newFixedThreadPool(4);
    try (MesosLocal cluster = MesosLocal.builder().agents(agents).noProcess(true)
        .heartbeatInterval(Duration.ofSeconds(5)).allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofSeconds(2), Duration.ofSeconds(10)).start();
         TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("scale").build())) {
      long start = System.nanoTime();
      Set<String> running = ConcurrentHashMap.newKeySet();
      AtomicInteger launched = new AtomicInteger();
      AtomicInteger cursor = new AtomicInteger();
      AtomicInteger badAcks = new AtomicInteger();
      int perOffer = (tasks + agents - 1) / agents;
      try {
        await().atMost(limit).pollInterval(Duration.ofMillis(20)).until(() -> {
          List<Event> events = s.events;
          while (cursor.get() < events.size()) {
            Event e = events.get(cursor.getAndIncrement());
            if (e.getType() == Event.Type.OFFERS) {
              e.getOffers().getOffersList().forEach(o -> fill(s, o, tasks, perOffer, launched));
            } else if (e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().hasUuid()) {
              // Every copy is acknowledged: a re-sent update means an acknowledgement was lost.
              TaskStatus st = e.getUpdate().getStatus();
              if (st.getState() == TaskState.TASK_RUNNING) {
                running.add(st.getTaskId().getValue());
              }
              Call ack = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(s.frameworkId())
                  .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(st.getAgentId()).setTaskId(st.getTaskId())
                      .setUuid(st.getUuid())).build();
              ackers.execute(() -> {
                try {
                  if (s.post(ack).statusCode() != 202) {
                    badAcks.incrementAndGet();
                  }
                } catch (AssertionError failed) {
                  badAcks.incrementAndGet();
                }
              });
            }
          }
          return running.size() == tasks;
        });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("after " + limit + ": " + launched.get() + " launched, " + running.size()
            + " running, " + cursor.get() + " events read", e);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      ackers.shutdown();
      assertThat(ackers.awaitTermination(60, TimeUnit.SECONDS)).as("acknowledgements finished").isTrue();
      ClusterState state = cluster.state();
      assertThat(state.tasks()).hasSize(tasks);
      assertThat(state.tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING.name()));
      assertThat(state.tasks().stream().map(ClusterState.Task::agentId).distinct().count()).isEqualTo(agents);
      assertThat(badAcks).hasValue(0);
      return new Result(agents, tasks, elapsed);
    } finally {
      ackers.shutdownNow();
    }
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
  public static void main(String[] args) throws InterruptedException {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Result r = run(agents, tasks, Duration.ofMinutes(10));
    System.out.printf("%d agents, %d no-process tasks: all TASK_RUNNING after %.1f s%n", r.agents(), r.tasks(),
        r.toAllRunning().toMillis() / 1000.0);
  }
}
