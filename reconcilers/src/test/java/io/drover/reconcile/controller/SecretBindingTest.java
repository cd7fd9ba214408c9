package io.drover.reconcile.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Binding a document to the versions of its secrets: digests, rolls and waits. */
class SecretBindingTest {
  private static final String DOC = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: shop}
      spec:
        pods:
          web:
            tasks:
              server: {cmd: run, cpus: 0.1, memory: 32, secrets: {DB_PASSWORD: {secret: db-pass}}}
              sidecar: {cmd: run, cpus: 0.1, memory: 32}
      """;

  private static DesiredService desired(String yaml) {
    return DesiredService.of("shop", 3, Services.load("shop.yaml", yaml.getBytes(StandardCharsets.UTF_8)).get(0));
  }

  private static Function<String, Optional<String>> versions(Map<String, String> v) {
    return name -> Optional.ofNullable(v.get(name));
  }

  private static Map<String, String> env(SecretBinding.Result r, String task) {
    return r.desired().resource().spec().pods().get("web").tasks().get(task).env();
  }

  @Test
  void onlyTasksWithSecretsGetADigestOfTheirVersionsAndANewVersionChangesIt() {
    DesiredService d = desired(DOC);
    SecretBinding.Result v1 = SecretBinding.bind(d, versions(Map.of("db-pass", "0000000000000010")));
    SecretBinding.Result v1again = SecretBinding.bind(d, versions(Map.of("db-pass", "0000000000000010")));
    SecretBinding.Result v2 = SecretBinding.bind(d, versions(Map.of("db-pass", "0000000000000011")));

    assertThat(v1.ready()).isTrue();
    assertThat(env(v1, "server")).containsKey(SecretBinding.DIGEST_VARIABLE);
    assertThat(env(v1, "sidecar")).doesNotContainKey(SecretBinding.DIGEST_VARIABLE);
    assertThat(v1.desired().specHash()).isNotEqualTo(d.specHash()).isEqualTo(v1again.desired().specHash());
    assertThat(v2.desired().specHash()).isNotEqualTo(v1.desired().specHash());
    assertThat(env(v2, "server").get(SecretBinding.DIGEST_VARIABLE))
        .isNotEqualTo(env(v1, "server").get(SecretBinding.DIGEST_VARIABLE));
    assertThat(v1.desired().generation()).isEqualTo(3);
  }

  @Test
  void aMissingSecretHoldsTheDocumentBackNamingItAndTheField() {
    SecretBinding.Result r = SecretBinding.bind(desired(DOC), versions(Map.of()));

    assertThat(r.ready()).isFalse();
    assertThat(r.missing()).containsExactly("secret \"db-pass\" (spec.pods.web.tasks.server.secrets[DB_PASSWORD]) does"
        + " not exist: create it with drover secret create db-pass --from-file FILE");
    assertThat(r.desired()).isEqualTo(desired(DOC));
  }

  @Test
  void documentsWithoutSecretsAndInvalidOnesAreLeftAsTheyAre() {
    DesiredService plain = desired(DOC.replace(", secrets: {DB_PASSWORD: {secret: db-pass}}", ""));
    DesiredService invalid = desired(DOC.replace("cpus: 0.1", "cpus: -1"));

    assertThat(SecretBinding.bind(plain, versions(Map.of())).desired()).isSameAs(plain);
    assertThat(SecretBinding.bind(invalid, versions(Map.of())).desired()).isSameAs(invalid);
    assertThat(SecretBinding.uses(desired(DOC).resource(), "db-pass")).isTrue();
    assertThat(SecretBinding.uses(desired(DOC).resource(), "other")).isFalse();
  }
}
