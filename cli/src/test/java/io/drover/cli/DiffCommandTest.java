package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  @TempDir
  Path dir;

  private Drover drover;

  @BeforeEach
  void start() {
    drover = new Drover(ZK.connectString(), dir);
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 2));
    drover.run("apply", "-f", "web.yaml");
  }

  @AfterEach
  void stop() {
    drover.close();
  }

  @Test
  void equalCanonicalFormsMeanNoDiff() {
    Docs.write(dir.resolve("web.json"), Docs.sameServiceAsJson("web", 2));

    Drover.Result result = drover.run("diff", "-f", "web.json");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aChangeIsShownAsAUnifiedDiffOfCanonicalYaml() {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 5));

    Drover.Result result = drover.run("diff", "-f", "web.yaml");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("--- service/web (ZooKeeper, generation 0)\n+++ service/web (web.yaml)\n@@ ")
        .containsPattern("\n- +count: 2\n\\+ +count: 5\n");
    assertThat(result.out().lines().filter(l -> l.startsWith("-") || l.startsWith("+")))
        .hasSize(4);
  }

  @Test
  void aNewServiceDiffsAgainstNothing() {
    Docs.write(dir.resolve("api.yaml"), Docs.service("api", 1));

    Drover.Result result = drover.run("diff", "-f", "api.yaml");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("--- service/api (not in ZooKeeper)\n+++ service/api (api.yaml)\n@@ -0,0 +1,")
        .contains("+  name: \"api\"\n");
  }

  @Test
  void anInvalidFileIsAnErrorAboveOne() {
    Docs.write(dir.resolve("bad.yaml"), Docs.invalid("web"));

    Drover.Result result = drover.run("diff", "-f", "bad.yaml");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("bad.yaml: spec.pods.hello.tasks.server.cpus");
  }

  @Test
  void anInvalidStoredDocumentIsShownAsStored() throws Exception {
    drover.client().setData().forPath(drover.servicePath("web"), "kind: [\n".getBytes());

    Drover.Result result = drover.run("diff", "-f", "web.yaml");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("--- service/web (ZooKeeper, generation 1, invalid, as stored)\n")
        .contains("\n-kind: [\n");
  }
}
