package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code drover get service web -o yaml > f && drover apply -f f}, as with kubectl: what get prints
 * applies again, the server's fields (status, generation, creation time) ignored, string values
 * that look like numbers or booleans still strings.
 */
class RoundTripTest {

  private static final String WEB = """
      apiVersion: drover.io/v1
      kind: Service
      metadata:
        name: web
        labels: {tier: "1"}
      spec:
        pods:
          web:
            count: 2
            tasks:
              server:
                cmd: "python3 -m http.server $PORT_HTTP --bind 127.0.0.1"
                cpus: 0.1
                memory: 64
                ports: {http: {port: 0}}
                env: {PYTHONUNBUFFERED: "1", DEBUG: "true", MODE: "010", RATIO: "1.5", NONE: "null"}
      """;

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder()
      .applying("web.yaml", WEB).applying("api.yaml", Docs.service("api", 1)).build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  @Test
  void whatGetPrintsAsYamlAppliesUnchanged() throws Exception {
    drover.writeStatus("web", Statuses.running(0, 2, 2));
    Drover.Result get = drover.run("get", "service", "web", "-o", "yaml");
    assertThat(get.out()).contains("PYTHONUNBUFFERED: \"1\"", "DEBUG: \"true\"", "MODE: \"010\"",
        "RATIO: \"1.5\"", "NONE: \"null\"", "tier: \"1\"", "generation: 0", "status:");
    Docs.write(dir.resolve("got.yaml"), get.out());

    Drover.Result apply = drover.run("apply", "-f", "got.yaml");

    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out()).isEqualTo("service/web unchanged\n");
    assertThat(drover.version("web")).isZero();
  }

  @Test
  void anEditedCopyIsStoredWithoutTheServerFields() throws Exception {
    drover.writeStatus("web", Statuses.running(0, 2, 2));
    String got = drover.run("get", "service/web", "-o", "yaml").out();
    Docs.write(dir.resolve("got.yaml"), got.replace("count: 2", "count: 3"));

    Drover.Result apply = drover.run("apply", "-f", "got.yaml");

    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out()).isEqualTo("service/web configured\n");
    assertThat(drover.stored("web")).contains("count: 3", "PYTHONUNBUFFERED: \"1\"")
        .doesNotContain("status", "generation", "creationTimestamp");
  }

  @Test
  void jsonAndAListOfServicesApplyToo() throws Exception {
    Docs.write(dir.resolve("got.json"), drover.run("get", "service", "web", "-o", "json").out());
    Docs.write(dir.resolve("all.yaml"), drover.run("get", "service", "web", "api", "-o", "yaml")
        .out());

    Drover.Result json = drover.run("apply", "-f", "got.json");
    Drover.Result list = drover.run("apply", "-f", "all.yaml");

    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(json.out()).isEqualTo("service/web unchanged\n");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).isEqualTo("service/web unchanged\nservice/api unchanged\n");
    assertThat(drover.run("diff", "-f", "all.yaml").exit()).isZero();
  }

  @Test
  void aListItemThatIsNotAnObjectIsNamed() throws Exception {
    Docs.write(dir.resolve("list.yaml"), "apiVersion: v1\nkind: List\nitems: [web]\n");

    Drover.Result apply = drover.run("apply", "-f", "list.yaml");

    assertThat(apply.exit()).isEqualTo(1);
    assertThat(apply.err()).contains("list.yaml (item 1): a List's items must be Service objects");
  }
}
