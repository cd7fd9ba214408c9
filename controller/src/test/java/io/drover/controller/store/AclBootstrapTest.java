package io.drover.controller.store;

import static io.drover.controller.store.SecuredZooKeeper.CONTROLLER;
import static io.drover.controller.store.SecuredZooKeeper.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code drover zk init}'s bootstrap against a real ZooKeeper: layout, ACLs, idempotence, repair. */
class AclBootstrapTest {

  @RegisterExtension
  static final SecuredZooKeeper ZK = new SecuredZooKeeper();

  private static final AclModel MODEL = AclModel.of(CONTROLLER, USER);

  @Test
  void createsTheLayoutWithTheModelsAcls() throws Exception {
    AclBootstrap.Result result = ZK.init();

    StorePaths p = ZK.paths();
    assertThat(result.created())
        .containsExactly(p.root(), p.services(), p.secrets(), p.statuses(), p.scheduler(), p.leader());
    assertThat(result.fixed()).isEmpty();
    CuratorFramework admin = ZK.connectAs(CONTROLLER, USER);
    assertThat(admin.getACL().forPath(p.root())).containsExactlyInAnyOrderElementsOf(
        MODEL.aclFor(NodeClass.ROOT));
    for (String userOwned : List.of(p.services(), p.secrets())) {
      assertThat(admin.getACL().forPath(userOwned)).containsExactlyInAnyOrder(
          new ACL(ZooDefs.Perms.ALL, USER.aclId()), new ACL(ZooDefs.Perms.READ, CONTROLLER.aclId()));
    }
    for (String controllerOwned : List.of(p.statuses(), p.scheduler(), p.leader())) {
      assertThat(admin.getACL().forPath(controllerOwned)).containsExactlyInAnyOrder(
          new ACL(ZooDefs.Perms.ALL, CONTROLLER.aclId()), new ACL(ZooDefs.Perms.READ, USER.aclId()));
    }
  }

  @Test
  void aSecondRunChangesNothing() throws Exception {
    ZK.init();

    AclBootstrap.Result again = ZK.init();

    assertThat(again.created()).isEmpty();
    assertThat(again.fixed()).isEmpty();
    assertThat(again.unchanged()).isEqualTo(6);
  }

  @Test
  void aRunRepairsNodesCreatedBeforeOrWithTheWrongAcl() throws Exception {
    StorePaths p = ZK.paths();
    CuratorFramework open = ZK.connect(ZK.settings());
    // As a Drover used without ACLs leaves it: open nodes everywhere.
    open.create().creatingParentsIfNeeded().forPath(p.service("hello"), bytes("kind: Service"));
    open.create().creatingParentsIfNeeded().forPath(p.status("hello"), bytes("{}"));
    open.create().creatingParentsIfNeeded()
        .forPath(p.scheduler() + "/services/hello/tasks", bytes(""));

    AclBootstrap.Result result = ZK.init();

    assertThat(result.created()).containsExactly(p.secrets(), p.leader());
    assertThat(result.fixed()).containsExactlyInAnyOrder(p.root(), p.services(), p.service("hello"),
        p.statuses(), p.status("hello"), p.scheduler(), p.scheduler() + "/services",
        p.scheduler() + "/services/hello", p.scheduler() + "/services/hello/tasks");
    CuratorFramework admin = ZK.connectAs(CONTROLLER, USER);
    assertThat(admin.getACL().forPath(p.service("hello")))
        .containsExactlyInAnyOrderElementsOf(MODEL.aclFor(NodeClass.SERVICES));
    assertThat(admin.getACL().forPath(p.scheduler() + "/services/hello/tasks"))
        .containsExactlyInAnyOrderElementsOf(MODEL.aclFor(NodeClass.CONTROLLER));
    assertThatThrownBy(() -> open.setData().forPath(p.status("hello"), bytes("{\"x\":1}")))
        .isInstanceOf(org.apache.zookeeper.KeeperException.NoAuthException.class);
  }

  @Test
  void identitiesWithoutAdminOnAnExistingNodeAreToldWhatToPass() throws Exception {
    StorePaths p = ZK.paths();
    DigestIdentity former = new DigestIdentity("old-admin", "pw");
    CuratorFramework formerAdmin = ZK.connectAs(former);
    formerAdmin.create().creatingParentsIfNeeded()
        .withACL(List.of(new ACL(ZooDefs.Perms.ALL, former.aclId())))
        .forPath(p.root());

    assertThatThrownBy(ZK::init)
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_AUTHORIZED))
        .hasMessage("cannot read " + p.root() + " as users 'drover', 'ci': the ACL in place does"
            + " not allow it; pass credentials with ADMIN permission there with --zk-auth (those"
            + " of an earlier zk init, or a ZooKeeper super user) and run zk init again");

    // With the former administrator's credentials as well, the run repairs everything.
    AclBootstrap.Result result = new AclBootstrap(ZK.connectAs(CONTROLLER, USER, former), p, MODEL)
        .run();
    assertThat(result.fixed()).containsExactly(p.root());
    assertThat(ZK.init().fixed()).isEmpty();
  }

  @Test
  void theIdentitiesMustDiffer() {
    assertThatThrownBy(() -> AclModel.of(USER, new DigestIdentity("ci", "other")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the controller and user identities must have different user names (both are"
            + " 'ci')");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
