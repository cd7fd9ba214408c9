package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();

  @TempDir
  Path dir;

  private byte[] stored(String name) throws Exception {
    return drover.client().getData().forPath(drover.root() + "/secrets/" + name);
  }

  @Test
  void createStoresTheValueByteForByteAndNoVerbPrintsItBack() throws Exception {
    Path file = Files.write(dir.resolve("pw"), "s3cr3t-from-file\n".getBytes(StandardCharsets.UTF_8));

    Drover.Result fromFile = drover.run("secret", "create", "db-pass", "--from-file", file.toString());
    Drover.Result fromLiteral = drover.run("secret", "create", "api-key", "--from-literal", "l1t3ral-value");
    Drover.Result list = drover.run("secret", "list");

    assertThat(fromFile.exit()).as(fromFile.err()).isZero();
    assertThat(fromFile.out()).isEqualTo("secret/db-pass created\n");
    assertThat(fromLiteral.out()).isEqualTo("secret/api-key created\n");
    assertThat(stored("db-pass")).isEqualTo("s3cr3t-from-file\n".getBytes(StandardCharsets.UTF_8));
    assertThat(stored("api-key")).isEqualTo("l1t3ral-value".getBytes(StandardCharsets.UTF_8));
    assertThat(list.out()).startsWith("NAME").contains("api-key   13").contains("db-pass   17")
        .doesNotContain("s3cr3t").doesNotContain("l1t3ral");
    assertThat(list.out().lines().toList()).hasSize(3);
  }

  @Test
  void anExistingSecretIsReplacedOnlyWhenAskedTo() throws Exception {
    assertThat(drover.run("secret", "create", "token", "--from-literal", "one").exit()).isZero();

    Drover.Result again = drover.run("secret", "create", "token", "--from-literal", "two");
    assertThat(again.exit()).isEqualTo(3);
    assertThat(again.err()).isEqualTo("error: secret/token already exists: give it a new value with --replace (the"
        + " pods that use it are rolled), or delete it first\n");
    assertThat(stored("token")).isEqualTo("one".getBytes(StandardCharsets.UTF_8));

    Drover.Result replaced = drover.run("secret", "create", "token", "--from-literal", "two", "--replace");
    assertThat(replaced.out()).isEqualTo("secret/token replaced\n");
    assertThat(stored("token")).isEqualTo("two".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deleteRemovesSecretsAndReportsMissingOnes() throws Exception {
    drover.run("secret", "create", "old", "--from-literal", "x");

    Drover.Result deleted = drover.run("secret", "delete", "old", "never");

    assertThat(deleted.exit()).isEqualTo(1);
    assertThat(deleted.out()).isEqualTo("secret/old deleted\n");
    assertThat(deleted.err()).isEqualTo("error: secret/never not found\n");
    assertThat(drover.client().checkExists().forPath(drover.root() + "/secrets/old")).isNull();
  }

  @Test
  void badInputIsAUsageError() {
    Drover.Result both = drover.run("secret", "create", "a", "--from-literal", "x", "--from-file", "/etc/hostname");
    Drover.Result neither = drover.run("secret", "create", "a");
    Drover.Result badName = drover.run("secret", "create", "Bad_Name", "--from-literal", "x");
    Drover.Result noFile = drover.run("secret", "create", "a", "--from-file", dir.resolve("missing").toString());

    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err()).contains("Missing required argument");
    assertThat(badName.err()).startsWith("error: invalid secret name 'Bad_Name'");
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).startsWith("error: cannot read --from-file " + dir.resolve("missing"));
  }
}
