package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.ServiceResource;
import org.junit.jupiter.api.Test;

/**
 * The spec hash across upgrades: a stored target carries the hash the Drover that wrote it
 * computed, and a {@code FINISH} task runs again when the hash changes, so a document must keep its
 * hash when Drover gains a defaulted field the document does not use.
 */
class SpecHashTest {

  /** Pods and tasks with every field that had a default before task groups came (and no other). */
  private static final String DOCUMENT = """
      apiVersion: drover.io/v1
      kind: Service
      metadata:
        name: report
      spec:
        pods:
          report:
            count: 2
            placement:
              maxPerHost: 1
              rules:
                - field: hostname
                  operator: UNLIKE
                  value: "^maintenance-.*"
            tasks:
              migrate:
                goal: FINISH
                cmd: ./migrate
                cpus: 0.1
                memory: 32
              server:
                cmd: ./server
                cpus: 0.5
                memory: 256
                env:
                  MODE: prod
                ports:
                  http: {}
                healthCheck:
                  cmd: curl -f localhost:$PORT_HTTP/health
                readinessCheck:
                  cmd: curl -f localhost:$PORT_HTTP/ready
          store:
            tasks:
              store:
                cmd: ./store
                cpus: 0.2
                memory: 64
                volume:
                  path: data
                  sizeMiB: 16
      """;

  /**
   * {@link #DOCUMENT}'s hash as the Drover before task groups (commit abc2342's parent, without pod
   * {@code executor} and task {@code essential}) computed and stored it.
   */
  private static final String HASH_BEFORE_TASK_GROUPS =
      "58a213bc62ddb1b60efe87377c24ce948baa3ce2ebc40ec249d0e7104b28b849";

  @Test
  void aDocumentKeepsTheHashAnOlderDroverStoredForIt() {
    assertThat(Services.specHash(load(DOCUMENT)))
        .as("a defaulted field added to pods or tasks changed existing documents' spec hash, which reruns their"
            + " FINISH tasks after an upgrade: list it in Defaults.LATER_POD_FIELDS or LATER_TASK_FIELDS")
        .isEqualTo(HASH_BEFORE_TASK_GROUPS);
    assertThat(Docs.valid(DOCUMENT).specHash()).as("the hash loading computes").isEqualTo(HASH_BEFORE_TASK_GROUPS);
  }

  @Test
  void laterFieldsWrittenAtTheirDefaultKeepTheHash() {
    String explicit = DOCUMENT
        .replace("    report:\n      count: 2\n", "    report:\n      executor: command\n      count: 2\n")
        .replace("goal: FINISH\n", "goal: FINISH\n          essential: true\n");
    assertThat(explicit).isNotEqualTo(DOCUMENT);
    assertThat(Services.specHash(load(explicit))).isEqualTo(HASH_BEFORE_TASK_GROUPS);
    assertThat(Docs.valid(explicit).specHash()).isEqualTo(HASH_BEFORE_TASK_GROUPS);
  }

  @Test
  void laterFieldsSetToAnotherValueChangeTheHash() {
    String groups = DOCUMENT
        .replace("    report:\n      count: 2\n", "    report:\n      executor: default\n      count: 2\n");
    String sidecar = groups.replace("          cmd: ./migrate\n", "          cmd: ./migrate\n          essential: false\n");
    assertThat(Services.specHash(load(groups))).isNotEqualTo(HASH_BEFORE_TASK_GROUPS);
    assertThat(Services.specHash(load(sidecar))).isNotEqualTo(HASH_BEFORE_TASK_GROUPS)
        .isNotEqualTo(Services.specHash(load(groups)));
  }

  private static ServiceResource load(String yaml) {
    return Docs.valid(yaml).resource();
  }
}
