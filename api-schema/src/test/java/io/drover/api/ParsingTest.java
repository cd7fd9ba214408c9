package io.drover.api;

import static io.drover.api.Docs.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsingTest {

  @Test
  void readsEveryDocumentOfAYamlStreamAndSkipsEmptyOnes() {
    String second = MINIMAL.replace("name: svc", "name: other");
    List<LoadedDocument> docs =
        Docs.loadAll("---\n" + MINIMAL + "---\n---\n# only a comment\n---\n" + second);
    assertThat(docs).extracting(LoadedDocument::index).containsExactly(0, 1);
    assertThat(docs).extracting(LoadedDocument::name).containsExactly("svc", "other");
    assertThat(docs).allMatch(LoadedDocument::valid);
    assertThat(docs.get(0).source()).isEqualTo("test.yaml");
  }

  @Test
  void namesAreEachDocumentsNameAsLoadingFindsThemValidOrNot() {
    String invalid = MINIMAL.replace("name: svc", "name: bad").replace("apiVersion: drover.io/v1", "apiVersion: v0");
    String nameless = MINIMAL.replace("name: svc", "labels: {a: b}");
    byte[] stream = ("---\n" + MINIMAL + "---\n# only a comment\n---\n" + invalid + "---\n" + nameless)
        .getBytes(StandardCharsets.UTF_8);

    assertThat(Services.names(stream)).containsExactly("svc", "bad", null);
    assertThat(Services.load("s", stream)).extracting(LoadedDocument::name).containsExactly("svc", "bad", null);
    assertThat(Services.names("metadata: {name: [\n".getBytes(StandardCharsets.UTF_8))).containsExactly((String) null);
    assertThat(Services.names(new byte[0])).isEmpty();
  }

  @Test
  void aSourceWithoutDocumentsIsOneInvalidDocument() {
    for (String empty : List.of("", "\n# nothing here\n", "---\n---\n")) {
      LoadedDocument d = Docs.load(empty);
      assertThat(d.valid()).isFalse();
      assertThat(d.problems())
          .extracting(Problem::toString)
          .containsExactly(
              "no document found; expected a Service document (apiVersion: drover.io/v1, kind:"
                  + " Service)");
    }
  }

  @Test
  void readsJsonWhenTheFirstSignificantCharacterIsABrace() {
    String json =
        """
          {"apiVersion": "drover.io/v1", "kind": "Service", "metadata": {"name": "j"},
           "spec": {"pods": {"p": {"tasks": {"t": {"cmd": "x", "cpus": 1, "memory": 8}}}}}}
        """;
    LoadedDocument d = Docs.valid("\n  " + json);
    assertThat(d.name()).isEqualTo("j");
    assertThat(d.resource().spec().pods().get("p").tasks().get("t").cpus()).isEqualTo(1.0);
  }

  @Test
  void jsonSyntaxErrorsAndDuplicateKeysAreReportedWithTheirPlace() {
    assertThat(Docs.problems("{\"apiVersion\": \"drover.io/v1\",\n \"kind\": }"))
        .singleElement()
        .asString()
        .startsWith("JSON syntax error at line 2, column 10: ");
    assertThat(Docs.problems("{\"metadata\": {\"name\": \"a\", \"name\": \"b\"}}"))
        .containsExactly("metadata.name: duplicate key (line 1, column 34); write each key once");
    assertThat(Docs.problems("{\"a\": 1} {\"b\": 2}"))
        .singleElement()
        .asString()
        .startsWith("JSON syntax error");
  }

  @Test
  void scalarsFollowTheYaml12CoreSchema() {
    LoadedDocument d =
        Docs.valid(
            Docs.withTaskFields(
                """
                env:
                  DEBUG: yes
                  ENABLED: on
                  TIME: 1:30
                  DAY: 2024-01-01
                  OCTAL: 0o17x
                disk: 0x10
                """));
    var task = d.resource().spec().pods().get("web").tasks().get("server");
    assertThat(task.env())
        .containsEntry("DEBUG", "yes")
        .containsEntry("ENABLED", "on")
        .containsEntry("TIME", "1:30")
        .containsEntry("DAY", "2024-01-01");
    assertThat(task.disk()).isEqualTo(16);
    assertThat(Docs.problems(Docs.withTaskFields("disk: 0o20"))).isEmpty();
    assertThat(Docs.problems(Docs.withTaskFields("env: {A: true, B: 1.5, C: null}")))
        .containsExactly(
            "spec.pods.web.tasks.server.env[A]: Invalid value: true: must be a string (put it in"
                + " quotes)",
            "spec.pods.web.tasks.server.env[B]: Invalid value: 1.5: must be a string (put it in"
                + " quotes)");
  }

  @Test
  void nonFiniteNumbersAreRefused() {
    assertThat(Docs.problems(MINIMAL.replace("cpus: 0.1", "cpus: .inf")))
        .containsExactly(
            "spec.pods.web.tasks.server.cpus: Invalid value: .inf: must be a finite number");
    assertThat(Docs.problems(MINIMAL.replace("cpus: 0.1", "cpus: .nan")))
        .containsExactly(
            "spec.pods.web.tasks.server.cpus: Invalid value: .nan: must be a finite number");
  }

  @Test
  void duplicateKeysAreErrorsWithBothLines() {
    assertThat(Docs.problems(MINIMAL + "  pods: {}\n"))
        .containsExactly("spec.pods: duplicate key (lines 6 and 13); write each key once");
  }

  @Test
  void tagsOtherThanTheCoreOnesAreRefused() {
    assertThat(Docs.problems(MINIMAL.replace("cmd: \"sleep 1000\"", "cmd: !!binary aGVsbG8=")))
        .containsExactly(
            "spec.pods.web.tasks.server.cmd: the tag !!binary (line 10) is not allowed;"
                + " only plain YAML values are");
    assertThat(Docs.problems(MINIMAL.replace("cmd: \"sleep 1000\"", "cmd: !shell ls")))
        .containsExactly(
            "spec.pods.web.tasks.server.cmd: the tag !shell (line 10) is not allowed; only plain"
                + " YAML values are");
    assertThat(Docs.problems(MINIMAL.replace("cmd: \"sleep 1000\"", "cmd: !!java.io.File /etc")))
        .singleElement()
        .asString()
        .startsWith("the tag !!java.io.File (line 10, column 16) is not allowed");
    assertThat(Docs.problems(MINIMAL.replace("cmd: \"sleep 1000\"", "cmd: !!str 12"))).isEmpty();
  }

  @Test
  void keysMustBePlainStrings() {
    assertThat(Docs.problems("? [a, b]\n: x\n"))
        .containsExactly(
            "a key (line 1) must be a plain string, not a list, a mapping or a tagged value");
    assertThat(Docs.problems("!key k: x\n"))
        .containsExactly(
            "a key (line 1) must be a plain string, not a list, a mapping or a tagged value");
  }

  @Test
  void aliasesAreBoundedAndMayNotRecurse() {
    StringBuilder many = new StringBuilder(MINIMAL + "x: &a [1]\ny: [");
    for (int i = 0; i < DocumentLimits.MAX_COLLECTION_ALIASES + 1; i++) {
      many.append(i == 0 ? "*a" : ", *a");
    }
    assertThat(Docs.problems(many + "]\n"))
        .containsExactly(
            "too many aliases: at most 20 aliases to lists or mappings are allowed; write the"
                + " document out plainly");
    assertThat(Docs.problems("a: &r\n  b: *r\n"))
        .singleElement()
        .asString()
        .contains("recursive alias");
  }

  @Test
  void expansionThroughAliasesIsBounded() {
    StringBuilder doc = new StringBuilder("l0: &l0 [");
    doc.append("x, ".repeat(999)).append("x]\n");
    doc.append("l1: &l1 [").append("*l0, ".repeat(9)).append("*l0]\n");
    doc.append("l2: [").append("*l1, ".repeat(9)).append("*l1]\n");
    assertThat(Docs.problems(doc.toString()))
        .containsExactly(
            "the document expands to more than 100000 values (through aliases?); write it out"
                + " plainly");
  }

  @Test
  void mergeKeysApplyAndExplicitKeysWin() {
    LoadedDocument d =
        Docs.valid(
            """
            apiVersion: drover.io/v1
            kind: Service
            metadata: {name: merged}
            spec:
              pods:
                a:
                  tasks:
                    t: &base {cmd: "sleep 1", cpus: 0.1, memory: 32}
                b:
                  tasks:
                    t:
                      <<: *base
                      memory: 64
            """);
    var b = d.resource().spec().pods().get("b").tasks().get("t");
    assertThat(b.cmd()).isEqualTo("sleep 1");
    assertThat(b.memory()).isEqualTo(64);
    assertThat(Docs.problems("a: &x 1\nb:\n  <<: *x\n"))
        .contains("b: a merge key (<<, line 1) must refer to a mapping or a list of mappings");
  }

  @Test
  void syntaxErrorsNameTheLineAndEarlierDocumentsStillCount() {
    List<LoadedDocument> docs = Docs.loadAll(MINIMAL + "---\nmetadata:\n  name: [unclosed\n");
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).valid()).isTrue();
    assertThat(docs.get(1).problems())
        .singleElement()
        .asString()
        .startsWith("YAML syntax error at line ");
  }

  @Test
  void documentsOver512KiBAreRefused() {
    String big = MINIMAL + "  # " + "x".repeat(100) + "\n";
    String padding = "metadata2: \"" + "y".repeat(DocumentLimits.MAX_DOCUMENT_BYTES) + "\"\n";
    List<LoadedDocument> docs = Docs.loadAll(big + "---\n" + MINIMAL + padding);
    assertThat(docs.get(0).valid()).isTrue();
    assertThat(docs.get(1).problems())
        .extracting(Problem::toString)
        .containsExactly("the document is 513 KiB; a document may be at most 512 KiB");
    byte[] json =
        ("{\"a\": \"" + "z".repeat(DocumentLimits.MAX_DOCUMENT_BYTES) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(Services.load("big.json", json).get(0).problems())
        .extracting(Problem::toString)
        .containsExactly("the document is 513 KiB; a document may be at most 512 KiB");
  }

  @Test
  void sourcesOver16MiBAreRefusedWithoutParsing() {
    byte[] huge = new byte[DocumentLimits.MAX_SOURCE_BYTES + 1];
    assertThat(Services.load("huge.yaml", huge).get(0).problems())
        .extracting(Problem::toString)
        .containsExactly(
            "the file is 16385 KiB; a file may be at most 16384 KiB (and each document at most 512"
                + " KiB)");
  }

  @ParameterizedTest
  @CsvSource({"UTF-8, EFBBBF", "UTF-16BE, FEFF", "UTF-16LE, FFFE", "UTF-32BE, 0000FEFF", "UTF-32LE, FFFE0000"})
  void documentsWithAByteOrderMarkAreReadInTheirEncoding(String charset, String mark) {
    for (String text : List.of(MINIMAL, "{\"apiVersion\": \"drover.io/v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"svc\"},"
        + " \"spec\": {\"pods\": {\"p\": {\"tasks\": {\"t\": {\"cmd\": \"run é\", \"cpus\": 0.1, \"memory\": 32}}}}}}")) {
      byte[] body = text.getBytes(java.nio.charset.Charset.forName(charset));
      byte[] bytes = new byte[mark.length() / 2 + body.length];
      for (int i = 0; i < mark.length() / 2; i++) {
        bytes[i] = (byte) Integer.parseInt(mark.substring(2 * i, 2 * i + 2), 16);
      }
      System.arraycopy(body, 0, bytes, mark.length() / 2, body.length);
      LoadedDocument doc = Services.load("bom", bytes).get(0);
      assertThat(doc.problems()).as(charset).isEmpty();
      assertThat(doc.resource().name()).isEqualTo("svc");
    }
  }

  @Test
  void malformedUtf32IsReported() {
    byte[] bad = {0x00, 0x00, (byte) 0xFE, (byte) 0xFF, 0x00, 0x11, 0x00, 0x00};
    assertThat(Services.load("bad.yaml", bad).get(0).problems())
        .singleElement()
        .asString()
        .startsWith("not readable as UTF-8 (or UTF-16/32 with a byte order mark) text: malformed UTF-32BE");
  }

  @Test
  void aDocumentThatExpandsBeyondWhatOneZooKeeperNodeHoldsIsRefused() {
    StringBuilder yaml = new StringBuilder("apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: wide}\nspec:\n pods:\n");
    for (int i = 0; i < 10_000; i++) {
      yaml.append("  p").append(i).append(": {tasks: {t: {cmd: x, cpus: 1, memory: 9}}}\n");
    }
    byte[] bytes = yaml.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isLessThan(512 * 1024);

    LoadedDocument doc = Services.load("wide.yaml", bytes).get(0);

    assertThat(doc.valid()).isFalse();
    assertThat(doc.problems()).singleElement().asString()
        .matches("the document is \\d+ KiB once its defaults are written out; a service may be at most 768 KiB expanded,"
            + " so that the scheduler's record of it fits one ZooKeeper node: split it into several services or use fewer pods");
    String fits = yaml.substring(0, yaml.indexOf("  p1000:"));
    assertThat(Services.load("narrower.yaml", fits.getBytes(StandardCharsets.UTF_8)).get(0).problems()).isEmpty();
  }

  @Test
  void invalidUtf8IsReported() {
    byte[] bad = {'a', ':', ' ', (byte) 0xC3, (byte) 0x28};
    assertThat(Services.load("bad.yaml", bad).get(0).problems())
        .singleElement()
        .asString()
        .startsWith("not readable as UTF-8");
  }

  @Test
  void deepNestingIsRefused() {
    String tooDeep = "the document is nested more than 64 levels deep; flatten it";
    assertThat(Docs.problems("a: " + "[".repeat(100) + "]".repeat(100) + "\n"))
        .containsExactly(tooDeep);
    assertThat(Docs.problems("{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}"))
        .containsExactly(tooDeep);
    String viaAliases =
        "l0: &l0 "
            + "[".repeat(40)
            + "]".repeat(40)
            + "\nl1: &l1 "
            + "[".repeat(20)
            + "*l0"
            + "]".repeat(20)
            + "\nl2: "
            + "[".repeat(20)
            + "*l1"
            + "]".repeat(20)
            + "\n";
    assertThat(Docs.problems(viaAliases)).containsExactly(tooDeep);
  }

  @Test
  void nullEntriesMeanAbsent() {
    LoadedDocument d = Docs.valid(Docs.withTaskFields("env:\nports:\nhealthCheck: ~"));
    var task = d.resource().spec().pods().get("web").tasks().get("server");
    assertThat(task.env()).isEmpty();
    assertThat(task.healthCheck()).isNull();
  }

  @Test
  void aDocumentThatIsNotAMappingSaysSo() {
    assertThat(Docs.problems("- a\n- b\n")).containsExactly("must be a mapping, not a list");
    assertThat(Docs.problems("just text\n"))
        .containsExactly("Invalid value: \"just text\": must be a mapping");
  }
}
