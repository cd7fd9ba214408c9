package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two writers of one service: one applies through the CLI while the other has already read and
 * planned (what {@code apply} does between its read and its write). The late writer gets a clear
 * conflict, the first writer's update is kept, and a re-run succeeds.
 */
class ConcurrentWritersTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder()
      .applying("hello.yaml", Docs.service("hello", 1)).build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  @Test
  void theSecondWriterGetsAConflictAndNoUpdateIsLost() throws Exception {
    Docs.write(dir.resolve("mine.yaml"), Docs.service("hello", 5));
    Docs.write(dir.resolve("theirs.yaml"), Docs.service("hello", 3));
    CliContext quiet = new CliContext(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), System.in, Map.of(), false,
        Clock.systemUTC(), dir);
    List<SourceDocument> mine = new DocumentSources(quiet).read(List.of("mine.yaml"), false);

    try (CuratorFramework client =
        ZkClients.connect(ZkSettings.of(CLI.connectString()).withRoot(drover.root()))) {
      DesiredStore store = DesiredStore.create(client, new StorePaths(drover.root()));
      List<Change> plan = ChangePlanner.plan(mine,
          Map.of("hello", store.read("hello").orElseThrow()));

      Drover.Result theirs = drover.run("apply", "-f", "theirs.yaml");
      assertThat(theirs.out()).isEqualTo("service/hello configured\n");

      StringWriter printed = new StringWriter();
      assertThatThrownBy(() -> new ChangeWriter(store, new PrintWriter(printed), false).write(plan))
          .isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.code()).isEqualTo(StoreException.Code.CONFLICT))
          .hasMessage("service/hello was modified concurrently (version 1, expected 0): "
              + "re-run the command");
      assertThat(printed.toString()).isEmpty();
    }
    assertThat(drover.stored("hello")).isEqualTo(Docs.service("hello", 3));

    Drover.Result rerun = drover.run("apply", "-f", "mine.yaml");

    assertThat(rerun.out()).isEqualTo("service/hello configured\n");
    assertThat(drover.stored("hello")).isEqualTo(Docs.service("hello", 5));
    assertThat(drover.version("hello")).isEqualTo(2);
  }

  @Test
  void aConflictInTheMiddleOfABatchStopsThereWithTheChangesBeforeItDone() throws Exception {
    Docs.write(dir.resolve("batch/a.yaml"), Docs.service("a", 1));
    drover.run("apply", "-f", "batch/a.yaml");
    Docs.write(dir.resolve("batch/b.yaml"), Docs.service("b", 1));
    Docs.write(dir.resolve("batch/c.yaml"), Docs.service("hello", 7));
    Docs.write(dir.resolve("batch/d.yaml"), Docs.service("d", 1));
    CliContext quiet = new CliContext(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), System.in, Map.of(), false,
        Clock.systemUTC(), dir);
    List<SourceDocument> docs = new DocumentSources(quiet).read(List.of("batch"), false);

    try (CuratorFramework client =
        ZkClients.connect(ZkSettings.of(CLI.connectString()).withRoot(drover.root()))) {
      DesiredStore store = DesiredStore.create(client, new StorePaths(drover.root()));
      Map<String, DesiredDocument> stored = new HashMap<>();
      store.readNodes(List.of("a", "b", "hello", "d")).forEach((n, node) -> stored.put(n, node.decode()));
      List<Change> plan = ChangePlanner.plan(docs, stored);
      Docs.write(dir.resolve("theirs.yaml"), Docs.service("hello", 2));
      drover.run("apply", "-f", "theirs.yaml");
      long helloVersion = drover.version("hello");

      StringWriter printed = new StringWriter();
      assertThatThrownBy(() -> new ChangeWriter(store, new PrintWriter(printed), false).write(plan))
          .isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.code()).isEqualTo(StoreException.Code.CONFLICT))
          .hasMessage("service/hello was modified concurrently (version " + helloVersion
              + ", expected " + (helloVersion - 1) + "): re-run the command");
      assertThat(printed.toString()).isEqualTo("service/a unchanged\nservice/b created\n");
    }
    assertThat(drover.version("b")).isZero();
    assertThat(drover.stored("hello")).isEqualTo(Docs.service("hello", 2));
    assertThat(drover.stored("d")).isNull();
  }
}
