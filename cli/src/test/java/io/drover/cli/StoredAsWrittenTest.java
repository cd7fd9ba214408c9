package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.ValidatorIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code apply} and {@code diff} of files stored exactly as written, with a status that vouches for
 * the stored version, check nothing ({@link DocumentBatch}); any other file is checked as before.
 * The stored documents here are invalid, written by hand, so only a command that took the
 * status's word can call them unchanged.
 */
class StoredAsWrittenTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  /** Stores {@code text} as service {@code name} by hand and returns the version's mzxid. */
  private long storeByHand(String name, String text) throws Exception {
    String path = drover.servicePath(name);
    drover.client().create().creatingParentsIfNeeded().forPath(path, text.getBytes(StandardCharsets.UTF_8));
    return drover.client().checkExists().forPath(path).getMzxid();
  }

  private void vouch(String name, long mzxid, String validator) throws Exception {
    drover.writeStatus(name, Statuses.checked(Statuses.running(0, 1, 1), mzxid, validator, 1));
  }

  /**
   * Stores an invalid document as service {@code name} by hand, with a status that vouches for it,
   * and writes the same text to {@code file}.
   */
  private void storedAndVouched(String name, String file) throws Exception {
    vouch(name, storeByHand(name, Docs.invalid(name)), ValidatorIdentity.current());
    Docs.write(dir.resolve(file), Docs.invalid(name));
  }

  @Test
  void aCopyTheStatusVouchesForIsUnchangedWithoutChecks() throws Exception {
    storedAndVouched("spared", "spared.yaml");

    Drover.Result applied = drover.run("apply", "-f", "spared.yaml");
    Drover.Result diffed = drover.run("diff", "-f", "spared.yaml");

    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).isEqualTo("service/spared unchanged\n");
    assertThat(drover.version("spared")).isZero();
    assertThat(diffed.exit()).as(diffed.err()).isZero();
    assertThat(diffed.out()).isEmpty();
  }

  @Test
  void aCopyVouchedForByAnotherValidatorOrForAnotherVersionIsChecked() throws Exception {
    vouch("other", storeByHand("other", Docs.invalid("other")), "0123456789abcdef");
    long first = storeByHand("edited", Docs.invalid("edited"));
    drover.client().setData().forPath(drover.servicePath("edited"),
        Docs.invalid("edited").getBytes(StandardCharsets.UTF_8));
    vouch("edited", first, ValidatorIdentity.current());

    for (String name : new String[] {"other", "edited"}) {
      Docs.write(dir.resolve(name + ".yaml"), Docs.invalid(name));

      Drover.Result applied = drover.run("apply", "-f", name + ".yaml");
      Drover.Result diffed = drover.run("diff", "-f", name + ".yaml");

      assertThat(applied.exit()).as(name).isEqualTo(1);
      assertThat(applied.err()).contains(name + ".yaml: spec.pods.hello.tasks.server.cpus");
      assertThat(diffed.exit()).as(name).isEqualTo(2);
    }
  }

  @Test
  void aFileIsSparedOnlyWhenTheStoreVouchesForEveryDocumentInIt() throws Exception {
    vouch("first", storeByHand("first", Docs.invalid("first")), ValidatorIdentity.current());
    vouch("second", storeByHand("second", Docs.invalid("second")), ValidatorIdentity.current());
    Docs.write(dir.resolve("both.yaml"), Docs.invalid("first") + "---\n" + Docs.invalid("second"));
    Docs.write(dir.resolve("and-new.yaml"), Docs.invalid("first") + "---\n" + Docs.service("new", 1));

    Drover.Result both = drover.run("apply", "-f", "both.yaml");
    Drover.Result andNew = drover.run("apply", "-f", "and-new.yaml");

    assertThat(both.exit()).as(both.err()).isZero();
    assertThat(both.out()).isEqualTo("service/first unchanged\nservice/second unchanged\n");
    assertThat(andNew.exit()).isEqualTo(1);
    assertThat(andNew.err()).contains("and-new.yaml (document 1): spec.pods.hello.tasks.server.cpus");
    assertThat(drover.stored("new")).isNull();
  }

  @Test
  void aValidCopyThatChangedIsConfiguredAndItsStoredVersionReadWithoutChecks() throws Exception {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 1));
    drover.run("apply", "-f", "web.yaml");
    vouch("web", drover.client().checkExists().forPath(drover.servicePath("web")).getMzxid(),
        ValidatorIdentity.current());
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 2));

    Drover.Result diffed = drover.run("diff", "-f", "web.yaml");
    Drover.Result applied = drover.run("apply", "-f", "web.yaml");

    assertThat(diffed.exit()).isEqualTo(1);
    assertThat(diffed.out()).containsPattern("\n- +count: 1\n\\+ +count: 2\n");
    assertThat(applied.out()).isEqualTo("service/web configured\n");
    assertThat(drover.stored("web")).isEqualTo(Docs.service("web", 2));
  }

  @Test
  void eachFileOfABatchIsSparedOnItsOwn() throws Exception {
    storedAndVouched("alpha", "mixed/a.yaml");
    Docs.write(dir.resolve("mixed/b.yaml"), Docs.service("beta", 1));

    Drover.Result diffed = drover.run("diff", "-f", "mixed");
    Drover.Result applied = drover.run("apply", "-f", "mixed");

    assertThat(diffed.exit()).as(diffed.err()).isEqualTo(1);
    assertThat(diffed.out()).contains("service/beta (not in ZooKeeper)").doesNotContain("alpha");
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).isEqualTo("service/alpha unchanged\nservice/beta created\n");
    assertThat(drover.stored("beta")).isEqualTo(Docs.service("beta", 1));
  }

  @Test
  void aFileWithoutDocumentsBesideSparedOnesIsStillReported() throws Exception {
    storedAndVouched("gamma", "with-empty/a.yaml");
    Docs.write(dir.resolve("with-empty/b.yaml"), "# nothing yet\n");

    Drover.Result applied = drover.run("apply", "-f", "with-empty");

    assertThat(applied.exit()).isEqualTo(1);
    assertThat(applied.err()).contains("with-empty/b.yaml: no document found");
  }
}
