package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code deploy/gitops/sync.sh} with bash, as a CI job does, against a real ZooKeeper; the
 * script calls the real {@code drover} CLI in its own JVM through a launcher on this test's class
 * path.
 */
class GitOpsScriptTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  private static final Path SCRIPT = Path.of("..", "deploy", "gitops", "sync.sh")
      .toAbsolutePath().normalize();
  private static final long TIMEOUT_SECONDS = 120;

  @TempDir
  Path dir;

  private Drover drover;
  private Path specs;
  private Path launcher;

  /** What one run of the script printed and returned. */
  private record Run(int exit, String output) {}

  @BeforeEach
  void start() throws IOException {
    drover = new Drover(ZK.connectString(), dir);
    specs = Files.createDirectories(dir.resolve("repo/services"));
    launcher = dir.resolve("drover");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1"
        + " -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path")
        + "' io.drover.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void stop() {
    drover.close();
  }

  private Run sync(Map<String, String> settings) throws Exception {
    Path log = Files.createTempFile(dir, "sync", ".log");
    ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), specs.toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("DROVER"));
    env.put("DROVER", launcher.toString());
    env.put("DROVER_ZK", ZK.connectString());
    env.put("DROVER_ROOT", drover.root());
    env.put("DROVER_SYNC_ID", "shop-prod");
    env.putAll(settings);
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("sync.sh did not finish within " + TIMEOUT_SECONDS + "s:\n"
            + Files.readString(log));
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private Run sync() throws Exception {
    return sync(Map.of());
  }

  private void write(String name) {
    Docs.write(specs.resolve(name + ".yaml"), Docs.service(name, 1));
  }

  private List<String> services() throws Exception {
    String path = drover.root() + "/services";
    if (drover.client().checkExists().forPath(path) == null) {
      return List.of();
    }
    return drover.client().getChildren().forPath(path).stream().sorted().toList();
  }

  @Test
  void syncsThenPrunesWithinTheLimitAndRefusesLargerOrEmptyRemovals() throws Exception {
    write("web");
    write("api");
    write("db");

    Run first = sync();
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output())
        .contains("OK " + specs.resolve("web.yaml") + " service/web")
        .contains("sync shop-prod: 3 created, 0 configured, 0 unchanged, 0 pruned, 0 invalid");
    assertThat(services()).containsExactly("api", "db", "web");

    Files.delete(specs.resolve("db.yaml"));
    Run pruned = sync();
    assertThat(pruned.exit()).as(pruned.output()).isZero();
    assertThat(pruned.output()).contains("service/db pruned")
        .contains("sync shop-prod: 0 created, 0 configured, 2 unchanged, 1 pruned, 0 invalid");
    assertThat(services()).containsExactly("api", "web");
    assertThat(drover.version("web")).isZero();

    Files.delete(specs.resolve("api.yaml"));
    Files.delete(specs.resolve("web.yaml"));
    write("shop");
    Run tooMany = sync(Map.of("DROVER_MAX_PRUNE", "1"));
    assertThat(tooMany.exit()).as(tooMany.output()).isEqualTo(1);
    assertThat(tooMany.output()).contains("refusing to prune 2 services, more than --max-prune 1");
    assertThat(services()).containsExactly("api", "web");

    Files.delete(specs.resolve("shop.yaml"));
    Run empty = sync();
    assertThat(empty.exit()).as(empty.output()).isEqualTo(1);
    assertThat(empty.output()).contains("no *.yaml, *.yml or *.json files found")
        .contains("sync.sh: validation failed (exit 1); nothing was written");
    assertThat(services()).containsExactly("api", "web");
  }

  @Test
  void anInvalidDocumentStopsTheRunBeforeAnythingIsWritten() throws Exception {
    write("web");
    Docs.write(specs.resolve("bad.yaml"), Docs.invalid("bad"));

    Run run = sync();

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("spec.pods.hello.tasks.server.cpus")
        .contains("sync.sh: validation failed (exit 1); nothing was written")
        .doesNotContain("==> drover sync");
    assertThat(services()).isEmpty();
  }

  @Test
  void missingSettingsAreUsageErrors() throws Exception {
    Run noId = sync(Map.of("DROVER_SYNC_ID", ""));
    assertThat(noId.exit()).isEqualTo(2);
    assertThat(noId.output()).startsWith("sync.sh: set DROVER_SYNC_ID");
    Run badLimit = sync(Map.of("DROVER_MAX_PRUNE", "many"));
    assertThat(badLimit.exit()).isEqualTo(2);
    assertThat(badLimit.output())
        .isEqualTo("sync.sh: DROVER_MAX_PRUNE must be a number of services, got 'many'\n");
  }
}
