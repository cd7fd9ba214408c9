package io.drover.api;

import static io.drover.api.Docs.problems;
import static io.drover.api.Docs.valid;
import static io.drover.api.Docs.withTaskFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.SecretRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's {@code secrets}: references by name, one source per variable. */
class SecretsTest {
  private static final String TASK = "spec.pods.web.tasks.server.";

  @Test
  void aTaskNamesItsSecretsAndTheDocumentHoldsNoValue() {
    var task = Services.withDefaults(valid(withTaskFields("secrets: {DB_PASSWORD: {secret: db-pass}}")).resource())
        .spec().pods().get("web").tasks().get("server");
    assertThat(task.secrets()).containsExactlyEntriesOf(Map.of("DB_PASSWORD", new SecretRef("db-pass")));
  }

  @Test
  void aVariableComesFromOnePlace() {
    assertThat(problems(withTaskFields("""
        env: {DB_PASSWORD: x}
        ports: {http: {}}
        secrets:
          DB_PASSWORD: {secret: a}
          PORT_HTTP: {secret: b}
          TASK_NAME: {secret: c}
        """))).containsExactly(
        TASK + "secrets[DB_PASSWORD]: is also set in env; a variable comes either from env or from a secret",
        TASK + "secrets[PORT_HTTP]: is the variable a port of the task exports; choose another name",
        TASK + "secrets[TASK_NAME]: is set by Drover; choose another name");
  }

  @Test
  void secretNamesAndVariablesAreChecked() {
    assertThat(problems(withTaskFields("secrets: {DB_PASSWORD: {secret: Db_Pass}, 1BAD: {secret: x}, OK: {}}")))
        .anyMatch(p -> p.startsWith(TASK + "secrets[DB_PASSWORD].secret: Invalid value: \"Db_Pass\": must consist of lower case"))
        .anyMatch(p -> p.startsWith(TASK + "secrets[1BAD]"))
        .anyMatch(p -> p.startsWith(TASK + "secrets[OK].secret: Required value"));
  }
}
