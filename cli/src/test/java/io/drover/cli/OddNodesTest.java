package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes under the services path that are not documents, as zkCli makes them by hand: one with no
 * data, one with bytes that are not text, one used as a directory. Each is an Invalid service with
 * a message saying what is wrong, and every verb works on it, delete included (issue 13).
 */
class OddNodesTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();

  private void createRaw(String name, byte[] data) throws Exception {
    drover.client().createContainers(drover.servicePath("x").substring(0, drover.servicePath("x").lastIndexOf('/')));
    // As zkCli does: "create PATH" with no data stores none at all (null), which Curator never does.
    drover.client().getZookeeperClient().getZooKeeper()
        .create(drover.servicePath(name), data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  }

  @Test
  void aNodeWithoutDataIsInvalidAndEveryVerbWorksOnIt() throws Exception {
    createRaw("empty", null);

    Drover.Result described = drover.run("describe", "service", "empty");
    assertThat(described.exit()).as(described.err()).isZero();
    assertThat(described.out()).contains("Phase:      Invalid\n")
        .contains("the node holds no data: write a Service document into it (drover apply -f FILE) or delete it"
            + " (drover delete service empty)");
    Drover.Result yaml = drover.run("get", "service", "empty", "-o", "yaml");
    assertThat(yaml.err()).doesNotContain("Exception");
    assertThat(yaml.exit()).isZero();
    Drover.Result list = drover.run("get", "services");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).containsPattern("empty +0 +- +Invalid");

    Drover.Result deleted = drover.run("delete", "service", "empty");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(drover.client().checkExists().forPath(drover.servicePath("empty"))).isNull();
  }

  @Test
  void aNodeThatIsNotTextIsInvalidAndDeletable() throws Exception {
    createRaw("binary", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00});

    Drover.Result described = drover.run("describe", "service", "binary");
    assertThat(described.exit()).as(described.err()).isZero();
    assertThat(described.out()).contains("Phase:      Invalid\n").contains("not readable as UTF-8");

    assertThat(drover.run("delete", "service", "binary").exit()).isZero();
    assertThat(drover.client().checkExists().forPath(drover.servicePath("binary"))).isNull();
  }

  @Test
  void aNodeUsedAsADirectoryIsInvalidAndDeletedWithWhatIsUnderIt() throws Exception {
    String doc = "apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: team}\n"
        + "spec: {pods: {p: {tasks: {t: {cmd: x, cpus: 0.1, memory: 32}}}}}\n";
    createRaw("team", doc.getBytes(StandardCharsets.UTF_8));
    drover.client().create().forPath(drover.servicePath("team") + "/web", doc.getBytes(StandardCharsets.UTF_8));
    drover.client().create().forPath(drover.servicePath("team") + "/web/more", new byte[0]);

    Drover.Result described = drover.run("describe", "service", "team");
    assertThat(described.exit()).as(described.err()).isZero();
    assertThat(described.out()).contains("Phase:      Invalid\n")
        .contains("the node has 1 node(s) under it: a service is a single node holding its document");

    Drover.Result deleted = drover.run("delete", "service", "team");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(drover.client().checkExists().forPath(drover.servicePath("team"))).isNull();
  }
}
