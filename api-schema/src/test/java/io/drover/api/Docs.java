package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Helpers for tests: load YAML text and look at the outcome. */
final class Docs {
  /** A valid one-pod, one-task document; tests append to or replace parts of it. */
  static final String MINIMAL =
      """
      apiVersion: drover.io/v1
      kind: Service
      metadata:
        name: svc
      spec:
        pods:
          web:
            tasks:
              server:
                cmd: "sleep 1000"
                cpus: 0.1
                memory: 32
      """;

  private Docs() {}

  static List<LoadedDocument> loadAll(String text) {
    return Services.load("test.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  static LoadedDocument load(String text) {
    List<LoadedDocument> docs = loadAll(text);
    assertThat(docs).hasSize(1);
    return docs.get(0);
  }

  static LoadedDocument valid(String text) {
    LoadedDocument d = load(text);
    assertThat(d.problems()).as("problems").isEmpty();
    return d;
  }

  static List<String> problems(String text) {
    return load(text).problems().stream().map(Problem::toString).toList();
  }

  /** The document with its pod "web" launched as a task group on the default executor. */
  static String inGroupPod(String doc) {
    return doc.replace("    web:\n      tasks:\n", "    web:\n      executor: default\n      tasks:\n");
  }

  /** MINIMAL with extra lines appended to the task "server" (indented to the task's fields). */
  static String withTaskFields(String fields) {
    return MINIMAL + fields.indent(10);
  }
}
