package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.cli.DocumentSources.RawFile;
import io.drover.controller.store.StoredNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

class SyncFilesTest {

  private final SyncDigest digest = new SyncDigest("team-a", "1.0 schema-x");

  private static RawFile file(String label, String text) {
    return new RawFile(label, text.getBytes(StandardCharsets.UTF_8), null);
  }

  /** The node sync stores for {@code text}, as it stores it (relabelled, with its digest). */
  private StoredNode stored(String name, String text) {
    String source = digest.ofSource(text.getBytes(StandardCharsets.UTF_8));
    SourceDocument doc = SyncLabel.ensure(DocumentSources.parse(file(name, text)).get(0), "team-a");
    String sealed = SyncDigest.seal(name,
        SyncLabel.storedText(doc, "team-a", SyncDigest.placeholder(source)), source);
    assertThat(sealed).isNotNull();
    return new StoredNode(name, "/drover/services/" + name,
        sealed.getBytes(StandardCharsets.UTF_8), new Stat());
  }

  @Test
  void anUnchangedFileIsRecognizedWithoutBeingParsed() {
    StoredNode web = stored("web", Docs.service("web", 2));

    List<SyncFiles.Outcome> outcomes =
        SyncFiles.match(List.of(file("repo/web.yaml", Docs.service("web", 2))), List.of(web), digest);

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.unchanged()).isSameAs(web);
      assertThat(o.docs()).isEmpty();
    });
  }

  @Test
  void aFileChangedByOneByteIsParsed() {
    StoredNode web = stored("web", Docs.service("web", 2));

    List<SyncFiles.Outcome> outcomes =
        SyncFiles.match(List.of(file("repo/web.yaml", Docs.service("web", 3))), List.of(web), digest);

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.unchanged()).isNull();
      assertThat(o.docs()).singleElement().satisfies(d -> assertThat(d.valid()).isTrue());
      assertThat(o.digestible()).isTrue();
    });
  }

  @Test
  void aNodeEditedInZooKeeperIsNotTrusted() {
    StoredNode web = stored("web", Docs.service("web", 2));
    StoredNode edited = new StoredNode("web", web.path(), new String(web.data(),
        StandardCharsets.UTF_8).replace("count: 2", "count: 5").getBytes(StandardCharsets.UTF_8),
        new Stat());

    List<SyncFiles.Outcome> outcomes = SyncFiles.match(
        List.of(file("repo/web.yaml", Docs.service("web", 2))), List.of(edited), digest);

    assertThat(outcomes.get(0).unchanged()).isNull();
  }

  @Test
  void identicalFilesAndFilesNamingARecognizedServiceAreParsedSoTheDuplicateIsReported() {
    StoredNode web = stored("web", Docs.service("web", 2));
    String renamedCopy = Docs.service("web", 4);

    List<SyncFiles.Outcome> twins = SyncFiles.match(List.of(
        file("a.yaml", Docs.service("web", 2)), file("b.yaml", Docs.service("web", 2))),
        List.of(web), digest);
    List<SyncFiles.Outcome> clash = SyncFiles.match(List.of(
        file("a.yaml", Docs.service("web", 2)), file("b.yaml", renamedCopy)),
        List.of(web), digest);

    assertThat(twins).allSatisfy(o -> assertThat(o.unchanged()).isNull());
    assertThat(clash).allSatisfy(o -> {
      assertThat(o.unchanged()).isNull();
      assertThat(o.docs()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("web"));
    });
  }

  @Test
  void aFileOfSeveralDocumentsIsNotDigestible() {
    List<SyncFiles.Outcome> outcomes = SyncFiles.match(List.of(file("all.yaml",
        Docs.service("web", 2) + "---\n" + Docs.service("db", 1))), List.of(), digest);

    assertThat(outcomes.get(0).docs()).hasSize(2);
    assertThat(outcomes.get(0).digestible()).isFalse();
  }

  @Test
  void filesAreReadAndHashedAheadWhileTheCallerListsTheNodes() throws Exception {
    StoredNode web = stored("web", Docs.service("web", 2));
    CountDownLatch listed = new CountDownLatch(1);

    CompletableFuture<SyncFiles.Hashed> ahead = SyncFiles.readAhead(() -> {
      try {
        // The caller lists its nodes only after readAhead returns: a read on the caller's thread never gets here.
        assertThat(listed.await(10, TimeUnit.SECONDS)).as("the caller listed while the files were read").isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return List.of(file("repo/web.yaml", Docs.service("web", 2)));
    }, digest);
    listed.countDown();

    assertThat(SyncFiles.match(ahead.get(10, TimeUnit.SECONDS), List.of(web)))
        .singleElement().satisfies(o -> assertThat(o.unchanged()).isSameAs(web));
  }
}
