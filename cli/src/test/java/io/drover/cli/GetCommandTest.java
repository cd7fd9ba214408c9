package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GetCommandTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  private Instant created(String name) throws Exception {
    Stat stat = drover.client().checkExists().forPath(drover.servicePath(name));
    return Instant.ofEpochMilli(stat.getCtime());
  }

  @Test
  void tableShowsGenerationObservedPhaseReadyAndAge() throws Exception {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 2));
    Docs.write(dir.resolve("api.yaml"), Docs.service("api", 3));
    drover.run("apply", "-f", "web.yaml", "api.yaml");
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 3));
    drover.run("apply", "-f", "web.yaml");
    drover.writeStatus("web", Statuses.running(0, 2, 2));
    drover.writeStatus("gone", Statuses.uninstalling(4));
    drover.clock(Clock.fixed(created("api").plus(Duration.ofSeconds(200)), ZoneOffset.UTC));

    Drover.Result result = drover.run("get", "services");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        NAME   GENERATION   OBSERVED   PHASE          READY   AGE
        api    0            -          Pending        -/3     3m20s
        gone   -            4          Uninstalling   0/-     -
        web    1            0          Running        2/3     3m20s
        """);
  }

  @Test
  void anInvalidDocumentShowsAsInvalidWithItsErrors() throws Exception {
    drover.client().create().creatingParentsIfNeeded().forPath(drover.servicePath("bad"),
        Docs.invalid("bad").getBytes());

    Drover.Result table = drover.run("get", "service", "bad");
    Drover.Result yaml = drover.run("get", "service/bad", "-o", "yaml");

    assertThat(table.out()).contains("bad    0            -          Invalid   -/-");
    assertThat(yaml.exit()).isZero();
    JsonNode object = new ObjectMapper(new YAMLFactory()).readTree(yaml.out());
    assertThat(object.at("/metadata/name").asText()).isEqualTo("bad");
    assertThat(object.at("/status/phase").asText()).isEqualTo("Invalid");
    assertThat(object.at("/status/errors/0").asText())
        .startsWith("spec.pods.hello.tasks.server.cpus: Invalid value: -1");
    assertThat(object.has("spec")).isFalse();
  }

  @Test
  void yamlAndJsonPrintTheDesiredDocumentAndItsStatusTogether() throws Exception {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 2));
    drover.run("apply", "-f", "web.yaml");
    drover.writeStatus("web", Statuses.running(0, 2, 1));

    Drover.Result yaml = drover.run("get", "service", "web", "-o", "yaml");
    Drover.Result json = drover.run("get", "services", "-o", "json");

    JsonNode object = new ObjectMapper(new YAMLFactory()).readTree(yaml.out());
    assertThat(object.at("/kind").asText()).isEqualTo("Service");
    assertThat(object.at("/metadata/generation").asLong()).isZero();
    assertThat(object.at("/metadata/creationTimestamp").asText())
        .isEqualTo(created("web").toString());
    assertThat(object.at("/spec/pods/hello/count").asInt()).isEqualTo(2);
    assertThat(object.at("/spec/pods/hello/tasks/server/goal").asText()).isEqualTo("RUNNING");
    assertThat(object.at("/status/phase").asText()).isEqualTo("Deploying");
    assertThat(object.at("/status/tasks/0/state").asText()).isEqualTo("TASK_RUNNING");
    JsonNode list = new ObjectMapper().readTree(json.out());
    assertThat(list.at("/kind").asText()).isEqualTo("List");
    assertThat(list.at("/items/0/metadata/name").asText()).isEqualTo("web");
    assertThat(list.at("/items/0/status/observedGeneration").asLong()).isZero();
  }

  @Test
  void aMissingServiceIsANegativeOutcome() {
    Drover.Result result = drover.run("get", "service", "nothing");
    Drover.Result none = drover.run("get", "services");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: service/nothing not found\n");
    assertThat(none.exit()).isZero();
    assertThat(none.err()).isEqualTo("No services found.\n");
  }

  @Test
  void namesOutputAndUnknownResourceTypes() throws Exception {
    Docs.write(dir.resolve("a.yaml"), Docs.service("a", 1) + "---\n" + Docs.service("b", 1));
    drover.run("apply", "-f", "a.yaml");

    assertThat(drover.run("get", "svc", "-o", "name").out()).isEqualTo("service/a\nservice/b\n");
    Drover.Result pods = drover.run("get", "pods");
    assertThat(pods.exit()).isEqualTo(2);
    assertThat(pods.err()).contains("unknown resource 'pods'");
  }

  @Test
  void aListingFailsWithTheReasonWhenTheStatusesCannotBeRead() throws Exception {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 1));
    drover.run("apply", "-f", "web.yaml");
    drover.writeStatus("web", Statuses.running(0, 1, 1));

    Drover.Result result = withoutRead(drover.root() + "/status", () -> drover.run("get", "services"));

    assertThat(result.exit()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: not allowed to read " + drover.root() + "/status");
  }

  @Test
  void aListingFailsWithTheReasonWhenTheDocumentsCannotBeRead() throws Exception {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 1));
    drover.run("apply", "-f", "web.yaml");
    drover.writeStatus("web", Statuses.running(0, 1, 1));

    Drover.Result result =
        withoutRead(drover.root() + "/services", () -> drover.run("get", "services"));

    assertThat(result.exit()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: not allowed to read " + drover.root() + "/services");
  }

  @Test
  void namesOfEveryServiceComeFromTheListingsWithoutReadingADocument() throws Exception {
    Docs.write(dir.resolve("a.yaml"), Docs.service("a", 1));
    drover.run("apply", "-f", "a.yaml");
    drover.client().create().forPath(drover.servicePath("bad"), Docs.invalid("bad").getBytes());
    drover.writeStatus("gone", Statuses.uninstalling(4));

    Drover.Result names = withoutRead(drover.servicePath("a"),
        () -> drover.run("get", "services", "-o", "name"));
    Drover.Result table = withoutRead(drover.servicePath("a"), () -> drover.run("get", "services"));

    assertThat(names.exit()).as(names.err()).isZero();
    assertThat(names.out()).isEqualTo("service/a\nservice/bad\nservice/gone\n");
    assertThat(table.exit()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(table.err()).startsWith("error: not allowed to read " + drover.servicePath("a"));
  }

  /** Runs {@code command} while {@code path} may not be read by anyone, then opens it again. */
  private Drover.Result withoutRead(String path, Supplier<Drover.Result> command) throws Exception {
    int allButRead = ZooDefs.Perms.ALL & ~ZooDefs.Perms.READ;
    drover.client().setACL()
        .withACL(List.of(new ACL(allButRead, ZooDefs.Ids.ANYONE_ID_UNSAFE))).forPath(path);
    try {
      return command.get();
    } finally {
      drover.client().setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(path);
    }
  }
}
