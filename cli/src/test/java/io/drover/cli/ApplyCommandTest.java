package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApplyCommandTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  @Test
  void createsThenReportsUnchangedWithoutWritingThenConfigures() throws Exception {
    Docs.write(dir.resolve("hello.yaml"), Docs.service("hello", 1));

    Drover.Result created = drover.run("apply", "-f", "hello.yaml");

    assertThat(created.exit()).isZero();
    assertThat(created.out()).isEqualTo("service/hello created\n");
    assertThat(drover.stored("hello")).isEqualTo(Docs.service("hello", 1));
    assertThat(drover.version("hello")).isZero();

    Drover.Result again = drover.run("apply", "-f", "hello.yaml");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).isEqualTo("service/hello unchanged\n");
    assertThat(drover.version("hello")).isZero();

    Docs.write(dir.resolve("hello.json"), Docs.sameServiceAsJson("hello", 1));
    assertThat(drover.run("apply", "-f", "hello.json").out())
        .isEqualTo("service/hello unchanged\n");
    assertThat(drover.version("hello")).isZero();
    assertThat(drover.stored("hello")).isEqualTo(Docs.service("hello", 1));

    Docs.write(dir.resolve("hello.yaml"), Docs.service("hello", 3));
    Drover.Result configured = drover.run("apply", "-f", "hello.yaml");
    assertThat(configured.exit()).isZero();
    assertThat(configured.out()).isEqualTo("service/hello configured\n");
    assertThat(drover.version("hello")).isEqualTo(1);
    assertThat(drover.stored("hello")).isEqualTo(Docs.service("hello", 3));
  }

  @Test
  void appliesMultiDocumentFilesDirectoriesAndStandardInput() throws Exception {
    Docs.write(dir.resolve("specs/both.yaml"),
        "---\n" + Docs.service("api", 1) + "---\n# only a comment\n---\n" + Docs.service("web", 2));
    Docs.write(dir.resolve("specs/nested/db.yml"), Docs.service("db", 1));
    Docs.write(dir.resolve("specs/.git/ignored.yaml"), Docs.invalid("ignored"));
    Docs.write(dir.resolve("specs/README.md"), "not a document");

    Drover.Result flat = drover.run("apply", "--dry-run", "-f", "specs");
    Drover.Result fromDir = drover.run("apply", "-R", "-f", "specs");
    Drover.Result fromStdin =
        drover.runWithInput(Docs.sameServiceAsJson("queue", 1), "apply", "-f", "-");

    assertThat(flat.out()).isEqualTo(
        "service/api created (dry run)\nservice/web created (dry run)\n");
    assertThat(fromDir.exit()).as(fromDir.err()).isZero();
    assertThat(fromDir.out()).isEqualTo(
        "service/api created\nservice/web created\nservice/db created\n");
    assertThat(drover.stored("web")).isEqualTo(Docs.service("web", 2));
    assertThat(drover.stored("api")).isEqualTo(Docs.service("api", 1));
    assertThat(fromStdin.out()).isEqualTo("service/queue created\n");
    assertThat(drover.stored("queue")).isEqualTo(Docs.sameServiceAsJson("queue", 1));
  }

  @Test
  void anInvalidDocumentInABatchMeansNothingIsWritten() throws Exception {
    Docs.write(dir.resolve("specs/a.yaml"), Docs.service("good", 1));
    Docs.write(dir.resolve("specs/b.yaml"), Docs.invalid("bad"));
    drover.run("apply", "-f", "specs/a.yaml");
    Docs.write(dir.resolve("specs/a.yaml"), Docs.service("good", 2));

    Drover.Result result = drover.run("apply", "-f", "specs");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(
        "specs/b.yaml: spec.pods.hello.tasks.server.cpus: Invalid value: -1",
        "error: 1 invalid document(s): nothing was written");
    assertThat(drover.version("good")).isZero();
    assertThat(drover.stored("good")).isEqualTo(Docs.service("good", 1));
    assertThat(drover.stored("bad")).isNull();
  }

  @Test
  void duplicateNamesAndMissingPathsAreRejectedBeforeWriting() throws Exception {
    Docs.write(dir.resolve("one.yaml"), Docs.service("hello", 1));
    Docs.write(dir.resolve("two.yaml"), Docs.service("hello", 2));

    Drover.Result duplicate = drover.run("apply", "-f", "one.yaml", "two.yaml");
    Drover.Result missing = drover.run("apply", "-f", "one.yaml", "nowhere.yaml");

    assertThat(duplicate.exit()).isEqualTo(1);
    assertThat(duplicate.err()).contains("two.yaml: metadata.name: Invalid value: \"hello\": "
        + "service hello is also defined in one.yaml: each service may appear once");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nowhere.yaml: no such file or directory");
    assertThat(drover.stored("hello")).isNull();
  }

  @Test
  void dryRunPrintsWhatWouldChangeAndWritesNothing() throws Exception {
    Docs.write(dir.resolve("a.yaml"), Docs.service("a", 1));
    drover.run("apply", "-f", "a.yaml");
    Docs.write(dir.resolve("a.yaml"), Docs.service("a", 2));
    Docs.write(dir.resolve("b.yaml"), Docs.service("b", 1));

    Drover.Result result = drover.run("apply", "--dry-run", "-f", "a.yaml", "b.yaml");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .isEqualTo("service/a configured (dry run)\nservice/b created (dry run)\n");
    assertThat(drover.version("a")).isZero();
    assertThat(drover.stored("b")).isNull();
  }

  @Test
  void aDirectoryWithoutDocumentsIsANegativeOutcome() {
    Docs.write(dir.resolve("empty/notes.txt"), "nothing here");

    Drover.Result result = drover.run("apply", "-f", "empty");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("no Service documents found in empty");
  }

  @Test
  void replacesAnInvalidDocumentWrittenByHand() throws Exception {
    drover.client().create().creatingParentsIfNeeded()
        .forPath(drover.servicePath("hello"), "kind: [".getBytes());
    Docs.write(dir.resolve("hello.yaml"), Docs.service("hello", 1));

    Drover.Result result = drover.run("apply", "-f", "hello.yaml");

    assertThat(result.out()).isEqualTo("service/hello configured\n");
    assertThat(drover.version("hello")).isEqualTo(1);
  }

  @Test
  void aPlanWhosePhasesChangeOrderIsConfigured() throws Exception {
    String twoPods = """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: hello}
        spec:
          pods:
            hello:
              tasks:
                server: {cmd: "sleep 1000", cpus: 0.1, memory: 32}
            other:
              tasks:
                server: {cmd: "sleep 1000", cpus: 0.1, memory: 32}
          plans:
            deploy:
              phases:
                %s: {pod: %s}
                %s: {pod: %s}
        """;
    Docs.write(dir.resolve("hello.yaml"), twoPods.formatted("first", "hello", "second", "other"));
    assertThat(drover.run("apply", "-f", "hello.yaml").out()).isEqualTo("service/hello created\n");

    Docs.write(dir.resolve("hello.yaml"), twoPods.formatted("second", "other", "first", "hello"));
    Drover.Result reordered = drover.run("apply", "-f", "hello.yaml");

    assertThat(reordered.out()).isEqualTo("service/hello configured\n");
    assertThat(drover.version("hello")).isEqualTo(1);
    assertThat(drover.run("apply", "-f", "hello.yaml").out()).isEqualTo("service/hello unchanged\n");
  }

  @Test
  void eachFileOfALargeDirectoryKeepsItsPlaceAndItsOwnProblems() throws Exception {
    for (int i = 0; i < 40; i++) {
      String name = String.format("svc-%02d", i);
      Docs.write(dir.resolve("many/" + name + ".yaml"),
          i == 7 || i == 31 ? Docs.invalid(name) : Docs.service(name, 1));
    }

    Drover.Result invalid = drover.run("apply", "-f", "many");

    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(invalid.err()).isEqualTo("""
        many/svc-07.yaml: spec.pods.hello.tasks.server.cpus: Invalid value: -1: must be greater than 0
        many/svc-31.yaml: spec.pods.hello.tasks.server.cpus: Invalid value: -1: must be greater than 0
        error: 2 invalid document(s): nothing was written
        """);
    assertThat(drover.stored("svc-00")).isNull();

    Docs.write(dir.resolve("many/svc-07.yaml"), Docs.service("svc-07", 1));
    Docs.write(dir.resolve("many/svc-31.yaml"), Docs.service("svc-31", 1));
    Drover.Result applied = drover.run("apply", "-f", "many");

    assertThat(applied.exit()).as(applied.err()).isZero();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      expected.append(String.format("service/svc-%02d created%n", i));
      assertThat(drover.version(String.format("svc-%02d", i))).isZero();
    }
    assertThat(applied.out()).isEqualTo(expected.toString());
  }
}
