package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.ValidatorIdentity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code get services} takes a document's facts from its status only when the status records the
 * controller's check of exactly that version by this build's validator, and decodes it otherwise.
 * Some statuses here record a task count that is not the document's (7, where the document asks for
 * 2): the table then shows which source it took.
 */
class ServiceRowsTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  private long mzxid(String name) throws Exception {
    return drover.client().checkExists().forPath(drover.servicePath(name)).getMzxid();
  }

  private void apply(String name, int count) throws Exception {
    Docs.write(dir.resolve(name + ".yaml"), Docs.service(name, count));
    Drover.Result applied = drover.run("apply", "-f", name + ".yaml");
    assertThat(applied.exit()).as(applied.err()).isZero();
  }

  private String table() {
    Drover.Result result = drover.run("get", "services");
    assertThat(result.exit()).as(result.err()).isZero();
    return result.out();
  }

  @Test
  void aCheckOfThisVersionByThisValidatorIsTaken() throws Exception {
    apply("web", 2);
    drover.writeStatus("web", Statuses.checked(Statuses.running(0, 2, 2), mzxid("web"), ValidatorIdentity.current(), 7));

    assertThat(table()).contains("web    0            0          Running   2/7");
  }

  @Test
  void aCheckOfAnEarlierVersionIsNotTrusted() throws Exception {
    apply("web", 2);
    long first = mzxid("web");
    drover.writeStatus("web", Statuses.checked(Statuses.running(0, 2, 2), first, ValidatorIdentity.current(), 7));
    apply("web", 3);

    assertThat(table()).contains("web    1            0          Running   2/3");
  }

  @Test
  void aCheckOfADocumentDeletedAndCreatedAgainIsNotTrusted() throws Exception {
    apply("web", 2);
    drover.writeStatus("web", Statuses.checked(Statuses.running(0, 2, 2), mzxid("web"), ValidatorIdentity.current(), 7));
    // Same name, same generation (0), different content: only the mzxid tells them apart.
    drover.client().delete().forPath(drover.servicePath("web"));
    drover.client().create().forPath(drover.servicePath("web"), Docs.invalid("web").getBytes());

    assertThat(table()).contains("web    0            0          Invalid   2/-");
  }

  @Test
  void aCheckByAnotherValidatorIsNotTrusted() throws Exception {
    apply("web", 2);
    drover.writeStatus("web", Statuses.checked(Statuses.running(0, 2, 2), mzxid("web"), "0123456789abcdef", 7));

    assertThat(table()).contains("web    0            0          Running   2/2");
  }

  @Test
  void aNodeWithNodesUnderItIsDecodedThoughItsContentIsUnchanged() throws Exception {
    apply("web", 2);
    drover.writeStatus("web", Statuses.checked(Statuses.running(0, 2, 2), mzxid("web"), ValidatorIdentity.current(), 2));
    drover.client().create().forPath(drover.servicePath("web") + "/child");

    assertThat(table()).contains("web    0            0          Invalid   2/-");
  }

  @Test
  void theTableAndTheWideTableAreTheSameWhetherTheStatusesRecordChecksOrNot() throws Exception {
    apply("web", 2);
    apply("api", 3);
    apply("new", 1);
    drover.client().create().forPath(drover.servicePath("bad"), Docs.invalid("bad").getBytes());
    drover.writeStatus("bad", Statuses.running(0, 1, 1));
    drover.writeStatus("gone", Statuses.uninstalling(4));
    drover.writeStatus("api", Statuses.running(0, 3, 1));
    drover.writeStatus("web", Statuses.running(0, 2, 2));
    long created = drover.client().checkExists().forPath(drover.servicePath("api")).getCtime();
    drover.clock(Clock.fixed(Instant.ofEpochMilli(created).plusSeconds(200), ZoneOffset.UTC));
    String table = table();
    String wide = drover.run("get", "services", "-o", "wide").out();

    drover.writeStatus("api", Statuses.checked(Statuses.running(0, 3, 1), mzxid("api"), ValidatorIdentity.current(), 3));
    drover.writeStatus("web", Statuses.checked(Statuses.running(0, 2, 2), mzxid("web"), ValidatorIdentity.current(), 2));

    assertThat(table()).isEqualTo(table).contains("bad    0            0          Invalid")
        .contains("api    0            0          Deploying      1/3");
    assertThat(drover.run("get", "services", "-o", "wide").out()).isEqualTo(wide);
  }
}
