package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  @TempDir
  Path dir;

  private Drover drover;
  private Path repo;

  @BeforeEach
  void start() {
    drover = new Drover(ZK.connectString(), dir);
    repo = dir.resolve("repo");
    Docs.write(repo.resolve("web.yaml"), Docs.service("web", 2));
    Docs.write(repo.resolve("api/api.json"), Docs.sameServiceAsJson("api", 1));
    Docs.write(repo.resolve("db.yml"), Docs.service("db", 1)
        .replace("labels: {team: web}", "labels: {team: web, drover.io/sync-id: team-a}"));
  }

  @AfterEach
  void stop() {
    drover.close();
  }

  private Drover.Result sync(String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "sync";
    args[1] = "repo";
    args[2] = "--sync-id";
    args[3] = "team-a";
    System.arraycopy(options, 0, args, 4, options.length);
    return drover.run(args);
  }

  private Map<String, String> labels(String name) throws Exception {
    List<LoadedDocument> docs = Services.load(name,
        drover.stored(name).getBytes(StandardCharsets.UTF_8));
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).problems()).isEmpty();
    return docs.get(0).resource().metadata().labels();
  }

  @Test
  void createsEveryServiceWithTheOwnershipLabelAndAResyncWritesNothing() throws Exception {
    Drover.Result first = sync();

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("""
        service/api created
        service/db created
        service/web created
        sync team-a: 3 created, 0 configured, 0 unchanged, 0 pruned, 0 invalid
        """);
    for (String name : List.of("api", "db", "web")) {
      assertThat(labels(name)).containsEntry("drover.io/sync-id", "team-a")
          .containsEntry("team", "web");
      assertThat(drover.version(name)).isZero();
    }
    assertThat(drover.stored("db")).isEqualTo(Files.readString(repo.resolve("db.yml")));
    assertThat(drover.stored("api")).startsWith("{");
    // Relabeled, not canonical: the user's structure without the defaults written out.
    assertThat(drover.stored("web")).startsWith("apiVersion: drover.io/v1\nkind: Service\n")
        .contains("  labels:\n    team: web\n    drover.io/sync-id: team-a\n")
        .doesNotContain("goal:");

    Drover.Result again = sync("--prune");

    assertThat(again.exit()).isZero();
    assertThat(again.out()).endsWith(
        "sync team-a: 0 created, 0 configured, 3 unchanged, 0 pruned, 0 invalid\n");
    for (String name : List.of("api", "db", "web")) {
      assertThat(drover.version(name)).isZero();
    }
  }

  @Test
  void prunesOnlyServicesThisSyncCreated() throws Exception {
    Docs.write(dir.resolve("manual.yaml"), Docs.service("manual", 1));
    drover.run("apply", "-f", "manual.yaml");
    Docs.write(dir.resolve("other/svc.yaml"), Docs.service("theirs", 1));
    drover.run("sync", "other", "--sync-id", "team-b");
    sync();
    Files.delete(repo.resolve("web.yaml"));
    Docs.write(repo.resolve("db.yml"), Files.readString(repo.resolve("db.yml"))
        .replace("count: 1", "count: 2"));

    Drover.Result result = sync("--prune");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        service/api unchanged
        service/db configured
        service/web pruned
        sync team-a: 0 created, 1 configured, 1 unchanged, 1 pruned, 0 invalid
        """);
    assertThat(drover.stored("web")).isNull();
    assertThat(drover.version("db")).isEqualTo(1);
    assertThat(drover.stored("manual")).isNotNull();
    assertThat(drover.stored("theirs")).isNotNull();
  }

  @Test
  void refusesToPruneEverythingWhenTheDirectoryIsEmptyUnlessAllowed() throws Exception {
    sync();
    for (String file : List.of("web.yaml", "api/api.json", "db.yml")) {
      Files.delete(repo.resolve(file));
    }

    Drover.Result refused = sync("--prune");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("error: refusing to prune: repo holds no Service "
        + "documents, so every service this sync created (3) would be deleted; check the "
        + "directory, or pass --allow-empty if that is intended; nothing was written\n");
    assertThat(drover.stored("web")).isNotNull();

    Drover.Result allowed = sync("--prune", "--allow-empty");

    assertThat(allowed.exit()).isZero();
    assertThat(allowed.out()).endsWith("0 created, 0 configured, 0 unchanged, 3 pruned, 0 invalid\n");
    assertThat(drover.stored("web")).isNull();
  }

  @Test
  void refusesToPruneMoreThanMaxPruneAndWritesNothing() throws Exception {
    sync();
    Files.delete(repo.resolve("web.yaml"));
    Files.delete(repo.resolve("db.yml"));
    Docs.write(repo.resolve("api/api.json"), Docs.sameServiceAsJson("api", 4));

    Drover.Result refused = sync("--prune", "--max-prune", "1");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).isEqualTo("error: refusing to prune 2 services, more than "
        + "--max-prune 1: db, web; check the directory, or raise --max-prune; nothing was "
        + "written\n");
    assertThat(drover.stored("web")).isNotNull();
    assertThat(drover.version("api")).isZero();

    Drover.Result allowed = sync("--prune", "--max-prune", "2");

    assertThat(allowed.exit()).isZero();
    assertThat(allowed.out()).endsWith("0 created, 1 configured, 0 unchanged, 2 pruned, 0 invalid\n");
  }

  @Test
  void anInvalidDocumentMeansNothingIsWrittenOrPruned() throws Exception {
    sync();
    Files.delete(repo.resolve("web.yaml"));
    Docs.write(repo.resolve("db.yml"), Docs.invalid("db"));
    Docs.write(repo.resolve("new.yaml"), Docs.service("new", 1));

    Drover.Result result = sync("--prune");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("repo/db.yml: spec.pods.hello.tasks.server.cpus");
    assertThat(result.out()).isEqualTo("sync team-a: 0 created, 0 configured, 0 unchanged, "
        + "0 pruned, 1 invalid (nothing was written)\n");
    assertThat(drover.stored("web")).isNotNull();
    assertThat(drover.stored("new")).isNull();
    assertThat(drover.version("db")).isZero();
  }

  @Test
  void neverTakesOverAServiceOfAnotherSync() throws Exception {
    Docs.write(dir.resolve("other/web.yaml"), Docs.service("web", 1));
    drover.run("sync", "other", "--sync-id", "team-b");

    Drover.Result result = sync();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("repo/web.yaml: metadata.name: service/web in ZooKeeper "
        + "belongs to sync id \"team-b\", not \"team-a\"");
    assertThat(drover.stored("api")).isNull();
    assertThat(labels("web")).containsEntry("drover.io/sync-id", "team-b");
  }

  @Test
  void aDocumentNamingAnotherSyncIdIsInvalid() {
    Docs.write(repo.resolve("db.yml"), Docs.service("db", 1)
        .replace("labels: {team: web}", "labels: {drover.io/sync-id: team-z}"));

    Drover.Result result = sync();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("repo/db.yml: metadata.labels[drover.io/sync-id]: Invalid "
        + "value: \"team-z\": this sync's id is \"team-a\": remove the label or run with "
        + "--sync-id team-z");
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    Drover.Result result = sync("--dry-run");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("service/web created (dry run)")
        .endsWith("3 created, 0 configured, 0 unchanged, 0 pruned, 0 invalid "
            + "(dry run: nothing was written)\n");
    assertThat(drover.stored("web")).isNull();
  }

  @Test
  void theDefaultIdComesFromTheDirectoryAndIsStable() throws Exception {
    Docs.write(repo.resolve("db.yml"), Docs.service("db", 1));
    Drover.Result first = drover.run("sync", "repo");
    Drover.Result second = drover.run("sync", repo.toString() + "/", "--prune");

    String id = first.out().lines().reduce((a, b) -> b).orElseThrow().split(" ")[1];
    assertThat(id).matches("dir-[0-9a-f]{16}:");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(second.out()).startsWith("service/api unchanged")
        .contains("sync " + id + " 0 created, 0 configured, 3 unchanged, 0 pruned");
  }

  @Test
  void relabelingKeepsStringsThatLookLikeNumbersOrBooleansStrings() throws Exception {
    Docs.write(repo.resolve("web.yaml"), Docs.service("web", 1).replace("memory: 32",
        "memory: 32\n          env: {BATCH: \"10\", VERBOSE: \"yes\", RATIO: \"0.5\"}"));

    Drover.Result result = sync();

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(drover.stored("web")).doesNotContain("goal:")
        .contains("BATCH: \"10\"", "RATIO: \"0.5\"", "VERBOSE: \"yes\"");
  }

  @Test
  void usageErrors() {
    assertThat(drover.run("sync", "nowhere").exit()).isEqualTo(2);
    Drover.Result badId = drover.run("sync", "repo", "--sync-id", "-bad-");
    assertThat(badId.exit()).isEqualTo(2);
    assertThat(badId.err()).contains("invalid --sync-id '-bad-'");
  }
}
