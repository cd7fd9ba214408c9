package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code drover sync} of more documents than one read request holds, against a real ZooKeeper:
 * whatever changed in ZooKeeper behind the sync's back, in any request, is found and put right.
 */
class SyncManyDocumentsTest {

  private static final int DOCS = 450;

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();
  private final Path repo = CLI.dir().resolve("many");

  private static String name(int i) {
    return String.format("svc-%03d", i);
  }

  private Drover.Result sync() {
    return drover.run("sync", "many", "--sync-id", "many", "--prune");
  }

  @Test
  void nodesEditedDeletedOrCopiedInZooKeeperAreFoundAndTheRestAreLeftAlone() throws Exception {
    for (int i = 0; i < DOCS; i++) {
      Docs.write(repo.resolve(name(i) + ".yaml"), Docs.service(name(i), 1));
    }
    assertThat(sync().exit()).isZero();
    String edited = drover.stored(name(401)).replace("count: 1", "count: 5");
    drover.client().setData().forPath(drover.servicePath(name(401)),
        edited.getBytes(StandardCharsets.UTF_8));
    drover.client().delete().forPath(drover.servicePath(name(3)));
    drover.client().create().forPath(drover.servicePath("stray"),
        drover.stored(name(200)).replace(name(200), "stray").getBytes(StandardCharsets.UTF_8));

    Drover.Result result = sync();

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("service/" + name(401) + " configured\n",
        "service/" + name(3) + " created\n",
        "sync many: 1 created, 1 configured, " + (DOCS - 2) + " unchanged, 1 pruned, 0 invalid");
    assertThat(drover.stored(name(401))).contains("count: 1");
    assertThat(drover.stored("stray")).isNull();
    assertThat(drover.version(name(401))).isEqualTo(2);
    assertThat(drover.version(name(3))).isZero();
    for (int i = 0; i < DOCS; i += 37) {
      if (i != 3) {
        assertThat(drover.version(name(i))).as(name(i)).isZero();
      }
    }

    Drover.Result again = sync();

    assertThat(again.out()).endsWith(
        "sync many: 0 created, 0 configured, " + DOCS + " unchanged, 0 pruned, 0 invalid\n");
  }
}
