package io.drover.api;

import static io.drover.api.Docs.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.ServiceResource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {
  private static final String FULL =
      """
      apiVersion: drover.io/v1
      kind: Service
      metadata:
        name: shop
        labels: {team: web}
      spec:
        pods:
          db:
            tasks:
              db:
                cmd: "run-db"
                cpus: 0.5
                memory: 256
                volume: {path: data, sizeMiB: 100}
          web:
            count: 2
            tasks:
              server:
                cmd: "run-web"
                cpus: 1
                memory: 64
                ports: {http: {}}
                env: {MODE: prod, DEBUG: "no"}
                healthCheck: {cmd: "check", intervalSeconds: 5}
      """;

  private static ServiceResource load(String text) {
    return Docs.valid(text).resource();
  }

  @Test
  void keyOrderLayoutAndCommentsDoNotMatter() {
    String reordered =
        """
        # the same service, written differently
        kind: Service
        spec:
          pods:
            db:
              tasks:
                db: {memory: 256, volume: {sizeMiB: 100, path: data}, cpus: 0.50, cmd: run-db}
            web:
              tasks:
                server:
                  env:
                    DEBUG: "no"   # quoted: a string
                    MODE: 'prod'
                  healthCheck: {intervalSeconds: 5, cmd: check}
                  ports:
                    http: {}
                  memory: 64
                  cpus: 1.0
                  cmd: >-
                    run-web
              count: 2
        metadata: {labels: {team: web}, name: shop}
        apiVersion: "drover.io/v1"
        """;
    assertSame(load(FULL), load(reordered));
  }

  @Test
  void explicitDefaultsDoNotMatter() {
    String explicit =
        FULL.replace("count: 2", "count: 2\n      placement: {rules: []}")
                .replace(
                    "cmd: \"run-db\"",
                    "cmd: \"run-db\"\n          goal: RUNNING\n          disk: 0\n          env: {}"
                        + "\n          ports: {}\n          killGracePeriodSeconds: 5")
                .replace("ports: {http: {}}", "ports: {http: {port: 0}}")
                .replace(
                    "intervalSeconds: 5}",
                    "intervalSeconds: 5, timeoutSeconds: 5, gracePeriodSeconds: 30,"
                        + " delaySeconds: 0, maxConsecutiveFailures: 3}")
            + """
              plans:
                deploy:
                  strategy: serial
                  phases:
                    db: {pod: db, strategy: serial}
                    web: {pod: web}
                update:
                  phases:
                    db: {pod: db}
                    web: {pod: web, strategy: serial}
            """;
    assertSame(load(FULL), load(explicit));
  }

  @Test
  void jsonAndYamlAgree() {
    ServiceResource yaml = load(FULL);
    byte[] json = Services.canonicalJson(yaml).getBytes(StandardCharsets.UTF_8);
    ServiceResource fromJson = Services.load("x.json", json).get(0).resource();
    assertSame(yaml, fromJson);
  }

  @Test
  void canonicalYamlReadsBackAsTheSameResource() {
    ServiceResource tricky =
        load(
            Docs.withTaskFields(
                """
                env:
                  A: "0o17"
                  B: "yes"
                  C: "~"
                  D: "1e3"
                  E: ".inf"
                  F: ""
                  G: "null"
                  H: "true"
                  I: "line one\\nline two\\n"
                  J: "#not a comment"
                  K: "- dash"
                  L: "key: value"
                  "null": "x"
                  "TRUE": "y"
                """));
    String yaml = Services.canonicalYaml(tricky);
    ServiceResource back = Docs.valid(yaml).resource();
    assertThat(back).isEqualTo(tricky);
    assertThat(Services.canonicalYaml(back)).isEqualTo(yaml);
  }

  @Test
  void canonicalJsonHasSortedKeysButKeepsPhaseOrder() {
    ServiceResource r =
        load(
            MINIMAL.replace(
                "  pods:\n",
                """
                  pods:
                    zeta:
                      tasks: {t: {cmd: x, cpus: 1, memory: 1}}
                """));
    String json = Services.canonicalJson(r);
    assertThat(json)
        .startsWith(
            "{\"apiVersion\":\"drover.io/v1\",\"kind\":\"Service\",\"metadata\":{\"annotations\":{},"
                + "\"labels\":{},\"name\":\"svc\"},\"spec\":{\"plans\":{\"deploy\":{\"phases\":{\"zeta\":");
    assertThat(json).contains("\"pods\":{\"web\":");
    assertThat(json.indexOf("\"zeta\":{\"pod\"")).isLessThan(json.indexOf("\"web\":{\"pod\""));
    assertThat(json).doesNotContain("\n");
  }

  @Test
  void metadataDoesNotChangeTheSpecHash() {
    ServiceResource r = load(FULL);
    ServiceResource relabelled =
        load(FULL.replace("labels: {team: web}", "labels: {team: shop}\n  annotations: {a: b}"));
    assertThat(Services.specHash(relabelled)).isEqualTo(Services.specHash(r));
    assertThat(Services.canonicalJson(relabelled)).isNotEqualTo(Services.canonicalJson(r));
    assertThat(Services.specHash(r)).matches("[0-9a-f]{64}");
  }

  @Test
  void realChangesChangeTheSpecHash() {
    String base = Services.specHash(load(FULL));
    assertThat(Services.specHash(load(FULL.replace("count: 2", "count: 3")))).isNotEqualTo(base);
    assertThat(Services.specHash(load(FULL.replace("MODE: prod", "MODE: dev")))).isNotEqualTo(base);
    assertThat(Services.specHash(load(FULL.replace("cpus: 0.5", "cpus: 0.25")))).isNotEqualTo(base);
  }

  @Test
  void podOrderMattersBecauseItIsTheDefaultDeployOrder() {
    String swapped =
        FULL.substring(0, FULL.indexOf("    db:"))
            + FULL.substring(FULL.indexOf("    web:"))
            + FULL.substring(FULL.indexOf("    db:"), FULL.indexOf("    web:"));
    ServiceResource a = load(FULL);
    ServiceResource b = load(swapped);
    assertThat(b.spec().pods()).isEqualTo(a.spec().pods());
    assertThat(Services.specHash(b)).isNotEqualTo(Services.specHash(a));
  }

  @Test
  void phaseOrderMatters() {
    String ab = FULL + "  plans: {deploy: {phases: {a: {pod: db}, b: {pod: web}}}}\n";
    String ba = FULL + "  plans: {deploy: {phases: {b: {pod: web}, a: {pod: db}}}}\n";
    assertThat(Services.specHash(load(ab))).isNotEqualTo(Services.specHash(load(ba)));
  }

  private static void assertSame(ServiceResource a, ServiceResource b) {
    assertThat(b).isEqualTo(a);
    assertThat(Services.canonicalJson(b)).isEqualTo(Services.canonicalJson(a));
    assertThat(Services.canonicalYaml(b)).isEqualTo(Services.canonicalYaml(a));
    assertThat(Services.specHash(b)).isEqualTo(Services.specHash(a));
  }
}
