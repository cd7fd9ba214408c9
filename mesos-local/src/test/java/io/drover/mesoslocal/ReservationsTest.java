package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic reservations in the refinement format and persistent volumes that outlive their tasks. */
@SuppressWarnings("deprecation") // Exercises the deprecated role fields frameworks still send.
class ReservationsTest {

  static final String ROLE = "web";

  @TempDir
  Path workDir;

  MesosLocal cluster;
  TestScheduler s;
  final Set<OfferID> used = new HashSet<>();

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().workDir(workDir).heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100)).statusUpdateRetry(Duration.ofMillis(300), Duration.ofSeconds(2))
        .start();
    FrameworkInfo info = TestScheduler.framework("reserve").addRoles(ROLE).setPrincipal("drover")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT))
        .build();
    s = TestScheduler.subscribe(cluster, info);
    s.autoAck = true;
  }

  @AfterEach
  void stop() {
    s.close();
    cluster.close();
  }

  static Resource.ReservationInfo reservation() {
    return Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(ROLE)
        .setPrincipal("drover")
        .setLabels(Labels.newBuilder()
            .addLabels(Label.newBuilder().setKey("namespace").setValue("svc"))
            .addLabels(Label.newBuilder().setKey("resource_id").setValue("r-1")))
        .build();
  }

  static Resource reserved(String name, double value, Offer offer) {
    return TestScheduler.scalar(name, value, offer).toBuilder().addReservations(reservation()).build();
  }

  static Resource volume(Offer offer) {
    return reserved("disk", 100, offer).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("vol-1").setPrincipal("drover"))
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW))).build();
  }

  static Offer.Operation reserve(Resource... resources) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
        .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(List.of(resources))).build();
  }

  static Offer.Operation create(Resource v) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
        .setCreate(Offer.Operation.Create.newBuilder().addVolumes(v)).build();
  }

  static Offer.Operation launch(TaskInfo task) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();
  }

  static TaskInfo writer(String id, Offer offer) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(offer.getAgentId())
        .setCommand(CommandInfo.newBuilder().setValue("echo " + id + " >> data/log"))
        .addResources(reserved("cpus", 1, offer)).addResources(reserved("mem", 64, offer)).addResources(volume(offer))
        .build();
  }

  static boolean hasVolume(Offer o) {
    return o.getResourcesList().stream().anyMatch(r -> r.hasDisk() && r.getDisk().hasPersistence());
  }

  Path volumeDir() throws Exception {
    try (var files = Files.walk(workDir)) {
      return files.filter(p -> p.getFileName().toString().equals("vol-1") && p.getParent().endsWith(ROLE))
          .findFirst().orElse(null);
    }
  }

  @Test
  void reserveCreateLaunchThenRelaunchOnTheSameVolume() throws Exception {
    Offer first = s.awaitOffer(o -> true, used);
    assertThat(first.getAllocationInfo().getRole()).isEqualTo(ROLE);
    s.accept(first.getId(),
        reserve(reserved("cpus", 1, first), reserved("mem", 64, first), reserved("disk", 100, first)),
        create(volume(first)),
        launch(writer("w1", first)));
    s.awaitUpdate("w1", TaskState.TASK_FINISHED);

    Offer second = s.awaitOffer(ReservationsTest::hasVolume, used);
    Resource offeredVolume = second.getResourcesList().stream().filter(r -> r.hasDisk()).findFirst().orElseThrow();
    assertThat(offeredVolume.getReservationsList()).hasSize(1);
    assertThat(offeredVolume.getReservations(0).getLabels().getLabelsList())
        .extracting(Label::getKey).containsExactly("namespace", "resource_id");
    assertThat(offeredVolume.hasRole()).isFalse();
    assertThat(offeredVolume.getAllocationInfo().getRole()).isEqualTo(ROLE);
    s.accept(second.getId(), launch(writer("w2", second)));
    s.awaitUpdate("w2", TaskState.TASK_FINISHED);

    Path dir = volumeDir();
    assertThat(Files.readAllLines(dir.resolve("log"))).containsExactly("w1", "w2");
  }

  @Test
  void destroyRemovesTheVolumeAndUnreserveReturnsTheResources() throws Exception {
    Offer first = s.awaitOffer(o -> true, used);
    s.accept(first.getId(),
        reserve(reserved("cpus", 1, first), reserved("mem", 64, first), reserved("disk", 100, first)),
        create(volume(first)));
    Offer withVolume = s.awaitOffer(ReservationsTest::hasVolume, used);
    assertThat(volumeDir()).isDirectory();

    s.accept(withVolume.getId(), Offer.Operation.newBuilder().setType(Offer.Operation.Type.DESTROY)
        .setDestroy(Offer.Operation.Destroy.newBuilder().addVolumes(volume(withVolume))).build());
    await().atMost(TestScheduler.WAIT).until(() -> volumeDir() == null);
    Offer plain = s.awaitOffer(o -> !hasVolume(o) && o.getResourcesList().stream().anyMatch(r -> r.getReservationsCount() > 0), used);

    s.accept(plain.getId(), Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
        .setUnreserve(Offer.Operation.Unreserve.newBuilder()
            .addResources(reserved("cpus", 1, plain)).addResources(reserved("mem", 64, plain))
            .addResources(reserved("disk", 100, plain))).build());
    Offer unreserved = s.awaitOffer(o -> true, used);
    assertThat(unreserved.getResourcesList()).allSatisfy(r -> assertThat(r.getReservationsCount()).isZero());
    assertThat(Resources.of(unreserved.getResourcesList()).scalar("cpus")).isEqualTo(4.0);
  }

  @Test
  void invalidOperationsAreDropped() throws Exception {
    Offer first = s.awaitOffer(o -> true, used);
    // A volume on unreserved disk, and a reservation for a role the offer is not for.
    Resource unreservedVolume = volume(first).toBuilder().clearReservations().build();
    Resource otherRole = TestScheduler.scalar("cpus", 1, first).toBuilder().addReservations(
        reservation().toBuilder().setRole("other")).build();
    s.accept(first.getId(), create(unreservedVolume), reserve(otherRole));
    Offer next = s.awaitOffer(o -> true, used);
    assertThat(next.getResourcesList()).allSatisfy(r -> {
      assertThat(r.getReservationsCount()).isZero();
      assertThat(r.hasDisk()).isFalse();
    });
    assertThat(volumeDir()).isNull();
    assertThat(Resources.of(next.getResourcesList()).ranges("ports").getRange(0).getEnd()).isEqualTo(32000);
    assertThat(Resources.of(next.getResourcesList()).scalar("disk")).isEqualTo(10240.0);
    assertThat(next.getResourcesList()).extracting(Resource::getType).contains(Value.Type.RANGES);
  }

  @Test
  void reservationsAndVolumesMustCarryTheFrameworksPrincipalAndVolumesMustBeWritable() throws Exception {
    Offer first = s.awaitOffer(o -> true, used);
    Resource noPrincipal = TestScheduler.scalar("cpus", 1, first).toBuilder()
        .addReservations(reservation().toBuilder().clearPrincipal()).build();
    Resource volumeWithoutPrincipal = volume(first).toBuilder().setDisk(volume(first).getDisk().toBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("vol-1"))).build();
    Resource readOnly = volume(first).toBuilder().setDisk(volume(first).getDisk().toBuilder()
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RO))).build();
    s.accept(first.getId(), reserve(noPrincipal), reserve(reserved("disk", 100, first)),
        create(volumeWithoutPrincipal), create(readOnly));
    Offer next = s.awaitOffer(o -> o.getResourcesList().stream().anyMatch(r -> r.getReservationsCount() > 0), used);
    assertThat(next.getResourcesList()).noneMatch(r -> r.hasDisk());
    assertThat(next.getResourcesList()).filteredOn(r -> r.getReservationsCount() > 0).singleElement()
        .satisfies(r -> assertThat(r.getName()).isEqualTo("disk"));
    assertThat(volumeDir()).isNull();
  }
}
