package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Strategy;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.offer.OfferPools;
import io.drover.reconcile.routing.OfferRouter;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Instances spread over the offered agents (InstanceSpread) instead of filling the first one. */
class SpreadTest {

  private static ServiceRecord parallel(String name, int count) {
    var r = Specs.service(name, Map.of("hello", Specs.pod(count, Map.of("server", Specs.task("sleep 1000")))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    return ServiceRecord.initial(Specs.target("c1", r));
  }

  private static Map<String, Long> perAgent(ServiceRecord... records) {
    Map<String, Long> out = new TreeMap<>();
    for (ServiceRecord r : records) {
      r.tasks().values().forEach(t -> out.merge(t.agentId().getValue(), 1L, Long::sum));
    }
    return out;
  }

  @Test
  void theInstancesOfAPodGoToDifferentAgentsWhenEachHasRoomForAll() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2").agent("a3");
    var r = Specs.service("svc", Map.of("hello", Specs.pod(3, Map.of("server", Specs.task("sleep 1000")))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    Harness h = new Harness(cluster, Specs.target("c1", r));
    h.offers();
    assertThat(perAgent(h.record)).containsOnly(Map.entry("a1", 1L), Map.entry("a2", 1L), Map.entry("a3", 1L));
  }

  @Test
  void moreInstancesThanAgentsAreSpreadEvenly() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
    var r = Specs.service("svc", Map.of("hello", Specs.pod(5, Map.of("server", Specs.task("sleep 1000")))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    Harness h = new Harness(cluster, Specs.target("c1", r));
    h.offers();
    assertThat(perAgent(h.record)).containsOnly(Map.entry("a1", 3L), Map.entry("a2", 2L));
  }

  @Test
  void aSerialDeploySpreadsOverRoundsAndAnInstanceStaysWhereItRuns() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 2, Specs.task("sleep 1000"))));
    h.offers();
    h.running("hello-0-server");
    h.offers();
    String first = h.task("hello-0-server").agentId().getValue();
    String second = h.task("hello-1-server").agentId().getValue();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void servicesSharingARoundUseEveryOfferedAgent() {
    ScriptedCluster cluster = new ScriptedCluster();
    for (int i = 0; i < 6; i++) {
      cluster.agent("a" + i);
    }
    AtomicInteger n = new AtomicInteger();
    ServiceScheduler scheduler = ServiceScheduler.create(Harness.SETTINGS, () -> "id-" + n.incrementAndGet());
    List<OfferRouter.Entry> entries = List.of(
        new OfferRouter.Entry(parallel("s1", 2), Pacing.none()),
        new OfferRouter.Entry(parallel("s2", 2), Pacing.none()),
        new OfferRouter.Entry(parallel("s3", 2), Pacing.none()));
    List<OfferPool> pools = OfferPools.of(cluster.offers());
    OfferRouter.Routed routed = OfferRouter.route(pools, entries, Set.of(), 0, scheduler, Instant.parse("2025-01-01T00:00:00Z"));
    Map<String, Long> used = perAgent(routed.records().values().toArray(ServiceRecord[]::new));
    assertThat(used).hasSize(6).allSatisfy((agent, count) -> assertThat(count).isEqualTo(1L));
    Set<String> accepted = routed.pools().stream().filter(OfferPool::used)
        .map(p -> p.agentId().getValue()).collect(Collectors.toSet());
    assertThat(accepted).hasSize(6);
  }

  @Test
  void anAgentWithoutRoomIsSkippedForTheNextBest() {
    ScriptedCluster cluster = new ScriptedCluster()
        .agent("small", "small.example", 0.05, 4096, 10000, 31000, 31099)
        .agent("big", "big.example", 4, 4096, 10000, 31000, 31099);
    var r = Specs.service("svc", Map.of("hello", Specs.pod(2, Map.of("server", Specs.withCpus(Specs.task("x"), 0.1)))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    Harness h = new Harness(cluster, Specs.target("c1", r));
    h.offers();
    assertThat(h.record.tasks().values()).extracting(TaskRecord::hostname).containsOnly("big.example");
    assertThat(h.record.tasks()).hasSize(2);
  }
}
