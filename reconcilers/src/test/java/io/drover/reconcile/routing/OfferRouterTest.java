package io.drover.reconcile.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Strategy;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.Resources;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.offer.OfferPools;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

class OfferRouterTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private final AtomicInteger n = new AtomicInteger();
  private final Ids ids = () -> "id-" + n.incrementAndGet();
  private final ServiceScheduler reconciler = ServiceScheduler.create(Harness.SETTINGS, ids);

  private ServiceRecord hungry(String name) {
    // Ten parallel instances of 1 cpu each: more than one agent can hold.
    var r = Specs.service(name, Map.of("hello", Specs.pod(10, Map.of("server", Specs.withCpus(Specs.task("x"), 1.0)))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    return ((Decisions.Accepted) reconciler.put(null, Specs.target("c1", r))).record();
  }

  @Test
  void twoHungryServicesTakeTurnsAtBeingFirst() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1", "h1", 3, 4096, 1000, 31000, 31010);
    List<OfferRouter.Entry> services = List.of(new OfferRouter.Entry(hungry("alpha"), Pacing.none()), new OfferRouter.Entry(hungry("beta"), Pacing.none()));

    OfferRouter.Routed r0 = OfferRouter.route(OfferPools.of(cluster.offers()), services, Set.of(), 0, reconciler, NOW);
    assertThat(r0.order()).containsExactly("alpha", "beta");
    assertThat(r0.records().get("alpha").tasks()).hasSize(3);
    assertThat(r0.records().get("beta").tasks()).isEmpty();
    assertThat(r0.pools()).hasSize(1);

    OfferRouter.Routed r1 = OfferRouter.route(OfferPools.of(cluster.offers()), services, Set.of(), 1, reconciler, NOW);
    assertThat(r1.order()).containsExactly("beta", "alpha");
    assertThat(r1.records().get("beta").tasks()).hasSize(3);
    assertThat(r1.records().get("alpha").tasks()).isEmpty();
  }

  @Test
  void eachServiceSeesWhatEarlierOnesLeftAndOpsOfBothGoIntoOneAccept() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1", "h1", 2.5, 4096, 1000, 31000, 31010);
    List<OfferRouter.Entry> services = List.of(new OfferRouter.Entry(hungry("alpha"), Pacing.none()), new OfferRouter.Entry(
        ((Decisions.Accepted) reconciler.put(null, Specs.target("c1", Specs.hello("small", 1, Specs.withCpus(Specs.task("y"), 0.5))))).record(), Pacing.none()));
    OfferRouter.Routed r = OfferRouter.route(OfferPools.of(cluster.offers()), services, Set.of(), 0, reconciler, NOW);
    assertThat(r.records().get("alpha").tasks()).hasSize(2);
    assertThat(r.records().get("small").tasks()).hasSize(1);
    OfferPool pool = r.pools().get(0);
    assertThat(pool.operations()).extracting(Operation::getType)
        .containsExactly(Operation.Type.RESERVE, Operation.Type.LAUNCH, Operation.Type.RESERVE, Operation.Type.LAUNCH, Operation.Type.RESERVE, Operation.Type.LAUNCH);
    cluster.accept(pool);
    assertThat(cluster.free("a1", "cpus")).isEqualTo(0.0);
  }

  @Test
  void reservationsOfUnknownNamespacesAreReleasedAndUnlabelledOnesNeverTouched() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1");
    List<ReservationInfo> ghost = List.of(ReservationLabels.dynamic(ScriptedCluster.ROLE, "p", "ghost", "g-1"));
    cluster.addForeignReservation("a1", Resources.volume(8, ScriptedCluster.ROLE, ghost, "pv-1", "p", "data"));
    List<ReservationInfo> operator = List.of(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(ScriptedCluster.ROLE).setPrincipal("ops").build());
    Resource operators = Resources.scalar("cpus", 1, ScriptedCluster.ROLE, operator);
    cluster.addForeignReservation("a1", operators);
    List<ReservationInfo> known = List.of(ReservationLabels.dynamic(ScriptedCluster.ROLE, "p", "alpha", "unknown-id"));
    cluster.addForeignReservation("a1", Resources.scalar("mem", 64, ScriptedCluster.ROLE, known));

    ServiceRecord alpha = ((Decisions.Accepted) reconciler.put(null, Specs.target("c1", Specs.hello("alpha", 0, Specs.task("x"))))).record();
    OfferRouter.Routed r = OfferRouter.route(OfferPools.of(cluster.offers()), List.of(new OfferRouter.Entry(alpha, Pacing.none())), Set.of(), 0, reconciler, NOW);
    List<Operation> ops = r.pools().get(0).operations();
    assertThat(ops).extracting(Operation::getType)
        .containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE, Operation.Type.UNRESERVE);
    cluster.accept(r.pools().get(0));
    // ghost's volume is gone (framework cleanup), alpha's unknown id too (service cleanup); the operator's stays
    assertThat(cluster.reserved("a1")).containsExactly(operators);
  }

  @Test
  void aHeldServiceSeesNoOffersAndItsReservationsAreNotAnUnknownNamespace() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1");
    List<ReservationInfo> held = List.of(ReservationLabels.dynamic(ScriptedCluster.ROLE, "p", "beta", "b-1"));
    Resource betas = Resources.volume(8, ScriptedCluster.ROLE, held, "pv-b", "p", "data");
    cluster.addForeignReservation("a1", betas);
    ServiceRecord alpha = ((Decisions.Accepted) reconciler.put(null, Specs.target("c1", Specs.hello("alpha", 1, Specs.task("x"))))).record();

    OfferRouter.Routed r = OfferRouter.route(OfferPools.of(cluster.offers()), List.of(new OfferRouter.Entry(alpha, Pacing.none())),
        Set.of("beta"), 0, reconciler, NOW);
    assertThat(r.order()).containsExactly("alpha");
    assertThat(r.records()).containsOnlyKeys("alpha");
    assertThat(r.pools().get(0).operations()).extracting(Operation::getType)
        .doesNotContain(Operation.Type.DESTROY, Operation.Type.UNRESERVE).contains(Operation.Type.LAUNCH);
    cluster.accept(r.pools().get(0));
    assertThat(cluster.reserved("a1")).contains(betas);
  }

  @Test
  void reservedNamespacesNamesTheServicesWhoseReservationsAreOffered() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
    ServiceRecord web = hungry("web");
    OfferRouter.Routed r = OfferRouter.route(OfferPools.of(cluster.offers()), List.of(new OfferRouter.Entry(web, Pacing.none())),
        Set.of(), 0, reconciler, NOW);
    assertThat(OfferRouter.reservedNamespaces(OfferPools.of(cluster.offers()))).isEmpty();
    cluster.acceptAll(r.pools());
    cluster.addForeignReservation("a2", Resources.scalar("cpus", 1, ScriptedCluster.ROLE,
        List.of(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(ScriptedCluster.ROLE).build())));
    // web's tasks hold what they reserved: only once freed would Mesos offer it; an unlabelled reservation names nobody
    assertThat(OfferRouter.reservedNamespaces(OfferPools.of(cluster.offers()))).isEmpty();
    cluster.launched().forEach(t -> cluster.update(t.getTaskId(), TaskState.TASK_KILLED));
    assertThat(OfferRouter.reservedNamespaces(OfferPools.of(cluster.offers()))).containsExactly("web");
  }
}
