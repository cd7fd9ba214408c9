package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover zk init} and the CLI working under its ACLs, against a real ZooKeeper. */
class ZkCommandTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  private static final String CONTROLLER = "drover:controller-secret";
  private static final String USER = "ci:user-secret";
  private static final String HINT =
      "check the credentials given with --zk-auth (or DROVER_ZK_AUTH), user and password";

  @TempDir
  Path dir;

  private Drover drover;

  @BeforeEach
  void start() {
    drover = new Drover(ZK.connectString(), dir);
    Docs.write(dir.resolve("hello.yaml"), Docs.service("hello", 1));
  }

  @AfterEach
  void stop() {
    drover.close();
  }

  private Drover.Result init() {
    return drover.run("zk", "init", "--controller-auth", CONTROLLER, "--user-auth", USER);
  }

  /** Runs as the given identity (DROVER_ZK_AUTH), or anonymously when null. */
  private Drover.Result runAs(String auth, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DROVER_ZK", ZK.connectString());
    env.put("DROVER_ROOT", drover.root());
    if (auth != null) {
      env.put("DROVER_ZK_AUTH", auth);
    }
    return drover.runWithEnv(env, "", args);
  }

  @Test
  void initCreatesTheRootAndASecondRunChangesNothing() {
    String root = drover.root();

    Drover.Result first = init();

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("""
        created %1$s
        created %1$s/services
        created %1$s/secrets
        created %1$s/status
        created %1$s/scheduler
        created %1$s/leader
        zk init %1$s: 6 created, 0 fixed, 0 unchanged; user 'ci' writes %1$s/services and %1$s/secrets, \
        controller 'drover' writes %1$s/status, %1$s/scheduler and %1$s/leader
        """.formatted(root));
    Drover.Result second = init();
    assertThat(second.exit()).isZero();
    assertThat(second.out()).startsWith("zk init " + root + ": 0 created, 0 fixed, 6 unchanged;");
  }

  @Test
  void theUserIdentityAppliesAndReadsWhileOthersAreRefusedClearly() {
    assertThat(init().exit()).isZero();

    Drover.Result applied = runAs(USER, "apply", "-f", "hello.yaml");
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).isEqualTo("service/hello created\n");
    Drover.Result listed = runAs(USER, "get", "services");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("hello");

    Drover.Result anonymous = runAs(null, "delete", "service", "hello");
    assertThat(anonymous.exit()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(anonymous.err()).isEqualTo("error: not allowed to read " + drover.root()
        + "/services/hello as anonymous: only the user and controller identities may; " + HINT
        + "\n");
    Drover.Result wrongPassword = runAs("ci:guess", "apply", "-f", "hello.yaml");
    assertThat(wrongPassword.exit()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(wrongPassword.err()).isEqualTo("error: not allowed to read " + drover.root()
        + "/services/hello as user 'ci': only the user and controller identities may; " + HINT + "\n");
    Drover.Result controller = runAs(CONTROLLER, "delete", "service", "hello");
    assertThat(controller.exit()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(controller.err()).isEqualTo("error: not allowed to write " + drover.root()
        + "/services/hello as user 'drover': only the user identity may; " + HINT + "\n");
  }

  @Test
  void identitiesMayComeFromTheEnvironmentAndMustBeValidAndDistinct() {
    Map<String, String> env = new HashMap<>();
    env.put("DROVER_ZK", ZK.connectString());
    env.put("DROVER_ROOT", drover.root());
    env.put("DROVER_ZK_CONTROLLER_AUTH", CONTROLLER);
    env.put("DROVER_ZK_USER_AUTH", USER);
    assertThat(drover.runWithEnv(env, "", "zk", "init").exit()).isZero();

    Drover.Result missing = drover.run("zk", "init", "--controller-auth", CONTROLLER);
    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).startsWith(
        "error: missing --user-auth USER:PASSWORD (or set DROVER_ZK_USER_AUTH)\n");
    Drover.Result malformed = drover.run("zk", "init", "--controller-auth", "drover",
        "--user-auth", USER);
    assertThat(malformed.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(malformed.err()).startsWith("error: invalid --controller-auth: expected"
        + " USER:PASSWORD with a non-empty user and password\n");
    Drover.Result same = drover.run("zk", "init", "--controller-auth", USER, "--user-auth", USER);
    assertThat(same.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(same.err()).startsWith("error: the controller and user identities must have"
        + " different user names (both are 'ci')\n");
    Drover.Result noSubcommand = drover.run("zk");
    assertThat(noSubcommand.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noSubcommand.err()).startsWith("error: missing subcommand: zk init\n");
  }

  @Test
  void passwordsNeverAppearInTheOutput() {
    Drover.Result result = init();
    Drover.Result refused = runAs("ci:guess", "apply", "-f", "hello.yaml");

    for (String text : new String[] {result.out(), result.err(), refused.out(), refused.err()}) {
      assertThat(text).doesNotContain("controller-secret", "user-secret", "guess");
    }
  }
}
