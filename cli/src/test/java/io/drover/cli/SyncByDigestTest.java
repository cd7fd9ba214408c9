package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code drover sync} against a real ZooKeeper where the stored documents carry their sync digest,
 * lack it (written by an older Drover), or carry one that no longer holds.
 */
class SyncByDigestTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder()
      .writing("repo/web.yaml", Docs.service("web", 2))
      .writing("repo/api.json", Docs.sameServiceAsJson("api", 1))
      .build();

  private final Drover drover = CLI.drover();
  private final Path repo = CLI.dir().resolve("repo");

  private Drover.Result sync() {
    return drover.run("sync", "repo", "--sync-id", "team-a");
  }

  /** {@code file}'s text as an older Drover stored it: relabelled, no digest. */
  private static String labelled(String file) {
    return file.replace("labels: {team: web}", "labels: {team: web, drover.io/sync-id: team-a}");
  }

  @Test
  void anUnchangedResyncWritesNothingAndEveryStoredDocumentCarriesItsDigest() throws Exception {
    assertThat(sync().exit()).isZero();
    for (String name : new String[] {"web", "api"}) {
      assertThat(SyncDigest.verifiedSource(name, drover.stored(name))).isNotNull();
    }

    Drover.Result again = sync();

    assertThat(again.out()).isEqualTo("""
        service/api unchanged
        service/web unchanged
        sync team-a: 0 created, 0 configured, 2 unchanged, 0 pruned, 0 invalid
        """);
    assertThat(drover.version("web")).isZero();
    assertThat(drover.version("api")).isZero();
  }

  @Test
  void aOneByteChangeIsWrittenWithANewDigest() throws Exception {
    sync();
    String before = drover.stored("web");
    Docs.write(repo.resolve("web.yaml"), Docs.service("web", 3));

    Drover.Result result = sync();

    assertThat(result.out()).contains("service/web configured\n", "service/api unchanged\n");
    assertThat(drover.version("web")).isEqualTo(1);
    assertThat(drover.stored("web")).contains("count: 3");
    assertThat(SyncDigest.verifiedSource("web", drover.stored("web")))
        .isNotNull().isNotEqualTo(SyncDigest.verifiedSource("web", before));
    assertThat(sync().out()).contains("service/web unchanged\n");
    assertThat(drover.version("web")).isEqualTo(1);
  }

  @Test
  void anInvalidFileIsReportedThoughItsServiceIsStoredWithADigest() throws Exception {
    sync();
    Docs.write(repo.resolve("web.yaml"), Docs.invalid("web"));

    Drover.Result result = sync();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("repo/web.yaml: spec.pods.hello.tasks.server.cpus");
    assertThat(drover.version("web")).isZero();
  }

  @Test
  void aChangeOfFormattingOnlyIsComparedByItsModelAndWritesNothing() throws Exception {
    sync();
    Docs.write(repo.resolve("web.yaml"), "# reformatted\n" + Docs.service("web", 2));

    Drover.Result result = sync();

    assertThat(result.out()).contains("service/web unchanged\n");
    assertThat(drover.version("web")).isZero();
  }

  @Test
  void aDocumentStoredByAnOlderSyncWithoutDigestIsComparedByItsModel() throws Exception {
    drover.client().create().creatingParentsIfNeeded().forPath(drover.servicePath("web"),
        labelled(Docs.service("web", 2)).getBytes(StandardCharsets.UTF_8));

    Drover.Result unchanged = sync();

    assertThat(unchanged.out()).contains("service/web unchanged\n", "service/api created\n");
    assertThat(drover.version("web")).isZero();
    assertThat(drover.stored("web")).isEqualTo(labelled(Docs.service("web", 2)));

    Docs.write(repo.resolve("web.yaml"), Docs.service("web", 3));
    assertThat(sync().out()).contains("service/web configured\n");
    assertThat(drover.stored("web")).contains("count: 3");
  }

  @Test
  void aDocumentEditedInZooKeeperIsRestoredThoughItKeepsItsDigest() throws Exception {
    sync();
    String edited = drover.stored("web").replace("count: 2", "count: 7");
    drover.client().setData().forPath(drover.servicePath("web"),
        edited.getBytes(StandardCharsets.UTF_8));

    Drover.Result result = sync();

    assertThat(result.out()).contains("service/web configured\n");
    assertThat(drover.stored("web")).contains("count: 2");
    assertThat(drover.version("web")).isEqualTo(2);
  }

  @Test
  void aDigestOfAnotherValidatorIsNotTrustedSoUnchangedBytesAreValidatedAgain() throws Exception {
    // As if an older Drover, whose schema accepted negative cpus, had written it.
    String file = Docs.invalid("web");
    Docs.write(repo.resolve("web.yaml"), file);
    String source = new SyncDigest("team-a", "0.1 older-schema")
        .ofSource(file.getBytes(StandardCharsets.UTF_8));
    String stored = SyncDigest.seal("web", labelled(file).replace("labels: {",
        "annotations: {drover.io/sync-digest: " + SyncDigest.placeholder(source) + "}\n  labels: {"),
        source);
    drover.client().create().creatingParentsIfNeeded().forPath(drover.servicePath("web"),
        stored.getBytes(StandardCharsets.UTF_8));

    Drover.Result result = sync();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("repo/web.yaml: spec.pods.hello.tasks.server.cpus");
    assertThat(drover.version("web")).isZero();
  }
}
