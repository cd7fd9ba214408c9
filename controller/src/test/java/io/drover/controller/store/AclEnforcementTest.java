package io.drover.controller.store;

import static io.drover.controller.store.SecuredZooKeeper.CONTROLLER;
import static io.drover.controller.store.SecuredZooKeeper.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.controller.ha.FencedWrites;
import io.drover.controller.ha.LeaderElection;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.store.AccessDenied.Access;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ACL model at work against a real ZooKeeper: the user applies documents through the store,
 * the controller (elected, fenced) writes status, scheduler state and its election node, and every
 * write outside one's part of the tree is refused with a message that says who may.
 */
class AclEnforcementTest {

  @RegisterExtension
  static final SecuredZooKeeper ZK = new SecuredZooKeeper();

  private static final AclModel MODEL = AclModel.of(CONTROLLER, USER);
  private static final String HINT =
      "check the credentials given with --zk-auth (or DROVER_ZK_AUTH), user and password";

  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private StorePaths paths;

  @BeforeEach
  void init() throws Exception {
    ZK.init();
    paths = ZK.paths();
  }

  @AfterEach
  void stop() {
    events.shutdownNow();
  }

  @Test
  void theUserAppliesDocumentsThatTheControllerCanRead() throws Exception {
    DesiredStore user = DesiredStore.create(ZK.connect(ZK.settingsAs(USER)), paths);

    user.create("hello", bytes("kind: Service"));
    user.update("hello", bytes("kind: Service # edited"), 0);
    user.create("bye", bytes("kind: Service"));
    user.delete("bye", 0);

    DesiredStore controller = DesiredStore.create(ZK.connect(ZK.settingsAs(CONTROLLER)), paths);
    assertThat(controller.read("hello").orElseThrow().generation()).isEqualTo(1);
    CuratorFramework admin = ZK.connectAs(CONTROLLER, USER);
    assertThat(admin.getACL().forPath(paths.service("hello")))
        .containsExactlyInAnyOrderElementsOf(MODEL.aclFor(NodeClass.SERVICES));
    assertThatThrownBy(() -> controller.update("hello", bytes("kind: Service # by the controller"), 1))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code())
            .isEqualTo(StoreException.Code.NOT_AUTHORIZED))
        .hasMessage("not allowed to write " + paths.service("hello") + " as user 'drover': only"
            + " the user identity may; " + HINT);
  }

  @Test
  void anonymousClientsCanNeitherReadNorWrite() throws Exception {
    DesiredStore anonymous = DesiredStore.create(ZK.connect(ZK.settings()), paths);

    assertThatThrownBy(() -> anonymous.create("hello", bytes("kind: Service")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code())
            .isEqualTo(StoreException.Code.NOT_AUTHORIZED))
        .hasMessage("not allowed to write " + paths.services() + " as anonymous: only the user"
            + " identity may; " + HINT);
    assertThatThrownBy(anonymous::listNodes)
        .hasMessage("not allowed to read " + paths.services() + " as anonymous: only the user and"
            + " controller identities may; " + HINT);
    assertThatThrownBy(() -> StatusStore.create(ZK.connect(ZK.settings()), paths).list(StatusDocument.WHOLE))
        .hasMessage("not allowed to read " + paths.statuses() + " as anonymous: only the user and"
            + " controller identities may; " + HINT);
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheUser() throws Exception {
    DesiredStore impostor = DesiredStore.create(
        ZK.connect(ZK.settings().withDigestAuth("ci:not-the-password")), paths);

    assertThatThrownBy(() -> impostor.create("hello", bytes("kind: Service")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code())
            .isEqualTo(StoreException.Code.NOT_AUTHORIZED))
        .hasMessage("not allowed to write " + paths.services() + " as user 'ci': only the user"
            + " identity may; " + HINT);
    assertThat(ZK.connectAs(USER).getChildren().forPath(paths.services())).isEmpty();
  }

  @Test
  void theElectedControllerWritesStatusSchedulerStateAndItsElectionNode() throws Exception {
    SecuredZooKeeper.ControllerClient controller =
        ZK.controllerClient(ZK.settingsAs(CONTROLLER));
    controller.client().start();
    String status = paths.status("hello");
    // The controller's client learns the ACLs zk init set once it is connected.
    await().atMost(Duration.ofSeconds(10)).until(() ->
        controller.acls().getAclForPath(status).equals(MODEL.aclFor(NodeClass.CONTROLLER)));
    LeaderElection election = LeaderElection.create(controller.client(), paths.leader(),
        new ReplicaInfo("a", "127.0.0.1:1"), events, Clock.systemUTC());
    election.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> election.currentTerm().isPresent());
      FencedWrites writes = new FencedWrites(election, new SimpleMeterRegistry());
      CuratorFramework c = controller.client();

      writes.commit(List.of(
          c.transactionOp().create().forPath(status, bytes("{\"phase\":\"Running\"}")),
          c.transactionOp().create().forPath(paths.scheduler() + "/framework-id", bytes("f-1"))));
      writes.commit(List.of(c.transactionOp().setData().forPath(status, bytes("{}"))));

      CuratorFramework admin = ZK.connectAs(CONTROLLER, USER);
      String electionNode = election.currentTerm().orElseThrow().nodePath();
      for (String path : List.of(status, paths.scheduler() + "/framework-id", electionNode)) {
        assertThat(admin.getACL().forPath(path)).as(path)
            .containsExactlyInAnyOrderElementsOf(MODEL.aclFor(NodeClass.CONTROLLER));
      }
      // The user reads status (drover get) but cannot write it.
      assertThat(StatusStore.create(ZK.connect(ZK.settingsAs(USER)), paths).read("hello"))
          .isPresent();
    } finally {
      election.close();
    }
  }

  @Test
  void anonymousAndUserWritesToStatusAreRefusedWithTheReason() throws Exception {
    ZK.connectAs(CONTROLLER).create().withACL(MODEL.aclFor(NodeClass.CONTROLLER))
        .forPath(paths.status("hello"), bytes("{}"));

    CuratorFramework anonymous = ZK.connect(ZK.settings());
    KeeperException anonymousCreate = refused(() ->
        anonymous.create().forPath(paths.status("x"), bytes("{}")));
    assertThat(AccessDenied.explain(anonymous, paths, Access.WRITE, anonymousCreate))
        .isEqualTo("not allowed to write " + paths.status("x") + " as anonymous: only the"
            + " controller identity may; " + HINT);

    CuratorFramework user = ZK.connect(ZK.settingsAs(USER));
    KeeperException userUpdate = refused(() ->
        user.setData().forPath(paths.status("hello"), bytes("{\"phase\":\"Running\"}")));
    assertThat(AccessDenied.explain(user, paths, Access.WRITE, userUpdate))
        .isEqualTo("not allowed to write " + paths.status("hello") + " as user 'ci': only the"
            + " controller identity may; " + HINT);
    KeeperException userElection = refused(() ->
        user.create().forPath(paths.leader() + "/latch-0000000001", bytes("{}")));
    assertThat(AccessDenied.explain(user, paths, Access.WRITE, userElection))
        .startsWith("not allowed to write " + paths.leader() + "/latch-0000000001 as user 'ci':"
            + " only the controller identity may");
    assertThat(refused(() -> user.delete().forPath(paths.status("hello"))))
        .isInstanceOf(KeeperException.NoAuthException.class);
    assertThat(new String(user.getData().forPath(paths.status("hello")), StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }

  private interface ZkCall {
    void run() throws Exception;
  }

  private static KeeperException refused(ZkCall call) {
    try {
      call.run();
    } catch (KeeperException.NoAuthException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected NoAuth, got " + e, e);
    }
    throw new AssertionError("expected NoAuth, but the call succeeded");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
