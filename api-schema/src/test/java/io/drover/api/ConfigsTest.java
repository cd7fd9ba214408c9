package io.drover.api;

import static io.drover.api.Docs.problems;
import static io.drover.api.Docs.valid;
import static io.drover.api.Docs.withTaskFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.ConfigFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's {@code configs}: known placeholders, distinct relative paths, bounded size. */
class ConfigsTest {
  private static final String TASK = "spec.pods.web.tasks.server.";

  @Test
  void templatesMayUseTheTasksVariables() {
    var task = Services.withDefaults(valid(withTaskFields("""
        env: {GREETING: hi}
        ports: {http-api: {}}
        configs:
          app: {path: conf/app.conf, template: "port={{PORT_HTTP_API}} {{ GREETING }} #{{POD_INSTANCE_INDEX}} {{TASK_NAME}}"}
        """)).resource()).spec().pods().get("web").tasks().get("server");
    assertThat(task.configs()).containsExactlyEntriesOf(Map.of("app",
        new ConfigFile("conf/app.conf", "port={{PORT_HTTP_API}} {{ GREETING }} #{{POD_INSTANCE_INDEX}} {{TASK_NAME}}")));
  }

  @Test
  void unknownVariablesSharedPathsAndPathsOutsideTheSandboxAreRefused() {
    assertThat(problems(withTaskFields("""
        env: {GREETING: hi}
        configs:
          a: {path: app.conf, template: "{{NOPE}}"}
          b: {path: app.conf, template: "x"}
          c: {path: ../etc/passwd, template: "x"}
        """).replace("env: {GREETING: hi}", "env: {GREETING: hi, DROVER_CONFIG_B: x}"))).containsExactly(
        TASK + "configs.a.template: {{NOPE}} names no variable of the task; known: DROVER_CONFIG_B, GREETING,"
            + " POD_INSTANCE_INDEX, TASK_NAME",
        TASK + "configs.b.path: Invalid value: \"app.conf\": already written by config \"a\"; each config needs its own path",
        TASK + "configs.c.path: Invalid value: \"../etc/passwd\": must be a relative path inside the sandbox: segments of"
            + " letters, digits, '_', '-' and '.', none starting with '.' (e.g. 'data')",
        TASK + "env[DROVER_CONFIG_B]: carries config \"b\" to the sandbox; choose another name");
  }

  @Test
  void allConfigsOfATaskTogetherStayUnder64KiBOnceRendered() {
    String big = "x".repeat(40_000);
    assertThat(problems(withTaskFields("configs: {a: {path: a, template: '" + big + "'}, b: {path: b, template: '"
        + big + "'}}"))).containsExactly(TASK + "configs: up to 80000 bytes once rendered, more than the limit of 65536"
        + " (64 KiB) for all config files of a task: ship large files as uris");
    String value = "v".repeat(30_000);
    assertThat(problems(withTaskFields("env: {BIG: '" + value + "'}\nconfigs: {a: {path: a, template: '{{BIG}}{{BIG}}{{BIG}}'}}")))
        .singleElement().asString().startsWith(TASK + "configs: up to 90000 bytes once rendered");
  }
}
