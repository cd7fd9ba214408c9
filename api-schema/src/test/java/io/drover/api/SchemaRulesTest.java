package io.drover.api;

import static io.drover.api.Docs.MINIMAL;
import static io.drover.api.Docs.problems;
import static io.drover.api.Docs.withTaskFields;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structural rules, which come from the JSON Schema, as users see them. */
class SchemaRulesTest {
  private static final String TASK = "spec.pods.web.tasks.server.";

  @Test
  void theMinimalDocumentIsValid() {
    assertThat(problems(MINIMAL)).isEmpty();
  }

  @Test
  void namesAreDnsLabelsOfAtMost63Characters() {
    String dns =
        "Invalid value: \"%s\": must consist of lower case letters, digits and '-', and start and"
            + " end with a letter or digit (e.g. 'my-name')";
    assertThat(problems(MINIMAL.replace("name: svc", "name: a__b")))
        .containsExactly("metadata.name: " + dns.formatted("a__b"));
    assertThat(problems(MINIMAL.replace("name: svc", "name: -a"))).hasSize(1);
    assertThat(problems(MINIMAL.replace("name: svc", "name: " + "a".repeat(63)))).isEmpty();
    assertThat(problems(MINIMAL.replace("name: svc", "name: " + "a".repeat(64))))
        .containsExactly(
            "metadata.name: Invalid value: \""
                + "a".repeat(64)
                + "\": must be no more than 63 characters");
    assertThat(problems(MINIMAL.replace("web:", "Web:")))
        .containsExactly("spec.pods.Web: " + dns.formatted("Web"));
    assertThat(problems(MINIMAL.replace("server:", "my_server:")))
        .containsExactly("spec.pods.web.tasks.my_server: " + dns.formatted("my_server"));
    assertThat(problems(withTaskFields("ports: {HTTP: {}}")))
        .containsExactly(TASK + "ports.HTTP: " + dns.formatted("HTTP"));
  }

  @Test
  void resourcesMustBePositive() {
    assertThat(problems(MINIMAL.replace("cpus: 0.1", "cpus: -1")))
        .containsExactly(TASK + "cpus: Invalid value: -1: must be greater than 0");
    assertThat(problems(MINIMAL.replace("cpus: 0.1", "cpus: 0")))
        .containsExactly(TASK + "cpus: Invalid value: 0: must be greater than 0");
    assertThat(problems(MINIMAL.replace("memory: 32", "memory: 0")))
        .containsExactly(TASK + "memory: Invalid value: 0: must be greater than or equal to 1");
    assertThat(problems(withTaskFields("disk: -1")))
        .containsExactly(TASK + "disk: Invalid value: -1: must be greater than or equal to 0");
    assertThat(problems(MINIMAL.replace("memory: 32", "memory: 99999999999")))
        .containsExactly(
            TASK + "memory: Invalid value: 99999999999: must be less than or equal to 16777216");
  }

  @Test
  void countIsBetween0And1000() {
    assertThat(problems(MINIMAL.replace("web:\n", "web:\n      count: 0\n"))).isEmpty();
    assertThat(problems(MINIMAL.replace("web:\n", "web:\n      count: -1\n")))
        .containsExactly(
            "spec.pods.web.count: Invalid value: -1: must be greater than or equal to 0");
    assertThat(problems(MINIMAL.replace("web:\n", "web:\n      count: 1001\n")))
        .containsExactly(
            "spec.pods.web.count: Invalid value: 1001: must be less than or equal to 1000");
  }

  @Test
  void replaceAfterSecondsIsBetween0AndAWeek() {
    assertThat(problems(MINIMAL.replace("web:\n", "web:\n      replaceAfterSeconds: 0\n"))).isEmpty();
    assertThat(problems(MINIMAL.replace("web:\n", "web:\n      replaceAfterSeconds: -1\n")))
        .containsExactly(
            "spec.pods.web.replaceAfterSeconds: Invalid value: -1: must be greater than or equal to 0");
    assertThat(problems(MINIMAL.replace("web:\n", "web:\n      replaceAfterSeconds: 604801\n")))
        .containsExactly(
            "spec.pods.web.replaceAfterSeconds: Invalid value: 604801: must be less than or equal to 604800");
  }

  @Test
  void checkIntervalsAndTimeoutsArePositive() {
    assertThat(
            problems(
                withTaskFields(
                    """
healthCheck: {cmd: "true", intervalSeconds: 0, timeoutSeconds: 0, gracePeriodSeconds: -1,
              delaySeconds: -1, maxConsecutiveFailures: 0}
""")))
        .containsExactly(
            TASK
                + "healthCheck.delaySeconds: Invalid value: -1: must be greater than or equal to 0",
            TASK
                + "healthCheck.gracePeriodSeconds: Invalid value: -1: must be greater than or equal"
                + " to 0",
            TASK
                + "healthCheck.intervalSeconds: Invalid value: 0: must be greater than or equal to"
                + " 1",
            TASK
                + "healthCheck.maxConsecutiveFailures: Invalid value: 0: must be greater than or"
                + " equal to 1",
            TASK
                + "healthCheck.timeoutSeconds: Invalid value: 0: must be greater than or equal to"
                + " 1");
    assertThat(problems(withTaskFields("readinessCheck: {cmd: \"\"}")))
        .containsExactly(TASK + "readinessCheck.cmd: Required value: must not be empty");
  }

  @Test
  void portsAreInRange() {
    assertThat(problems(withTaskFields("ports: {http: {port: 65536}}")))
        .containsExactly(
            TASK + "ports.http.port: Invalid value: 65536: must be less than or equal to 65535");
    assertThat(problems(withTaskFields("ports: {http: {port: 8080}, any: {}}"))).isEmpty();
  }

  @Test
  void unknownFieldsSuggestTheClosestKnownOne() {
    assertThat(problems(MINIMAL.replace("memory: 32", "memroy: 32")))
        .containsExactly(TASK + "memroy: unknown field; did you mean \"memory\"?");
    assertThat(problems(MINIMAL.replace("cpus: 0.1", "cpus: 0.1\n          CPUS: 1")))
        .containsExactly(TASK + "CPUS: unknown field; did you mean \"cpus\"?");
    assertThat(problems(MINIMAL.replace("web:\n", "web:\n      replicas: 2\n")))
        .containsExactly(
            "spec.pods.web.replicas: unknown field; known fields are count, placement,"
                + " replaceAfterSeconds, tasks, executor, uris, image");
    assertThat(problems(MINIMAL + "  plans: {updat: {phases: {a: {pod: web}}}}\n"))
        .containsExactly("spec.plans.updat: unknown field; did you mean \"update\"?");
    assertThat(problems(MINIMAL + "  plans: {upgrade: {phases: {a: {pod: web}}}}\n"))
        .containsExactly("spec.plans.upgrade: unknown field; known fields are deploy, update");
  }

  @Test
  void enumsListTheSupportedValues() {
    assertThat(problems(withTaskFields("goal: running")))
        .containsExactly(
            TASK
                + "goal: Invalid value: \"running\": supported values: \"RUNNING\", \"FINISH\","
                + " \"ONCE\"; did you mean \"RUNNING\"?");
    assertThat(
            problems(MINIMAL + "  plans: {deploy: {strategy: random, phases: {a: {pod: web}}}}\n"))
        .containsExactly(
            "spec.plans.deploy.strategy: Invalid value: \"random\": supported values: \"serial\","
                + " \"parallel\"");
    assertThat(problems(MINIMAL.replace("kind: Service", "kind: Pod")))
        .containsExactly("kind: Invalid value: \"Pod\": supported values: \"Service\"");
  }

  @Test
  void missingRequiredFieldsAreReportedEachAtItsPath() {
    assertThat(problems("apiVersion: drover.io/v1\nkind: Service\n"))
        .containsExactly("metadata: Required value", "spec: Required value");
    assertThat(problems(MINIMAL.replace("          cmd: \"sleep 1000\"\n", "")))
        .containsExactly(TASK + "cmd: Required value");
    assertThat(
            problems(
                "apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: a}\nspec: {pods: {}}\n"))
        .containsExactly("spec.pods: Required value: must not be empty");
    assertThat(problems(withTaskFields("volume: {path: data}")))
        .containsExactly(TASK + "volume.sizeMiB: Required value");
  }

  @Test
  void typeErrorsSayWhatIsExpectedAndHowToFixIt() {
    assertThat(problems(MINIMAL.replace("cpus: 0.1", "cpus: \"0.5\"")))
        .containsExactly(
            TASK + "cpus: Invalid value: \"0.5\": must be a number (write it without quotes)");
    assertThat(problems(MINIMAL.replace("memory: 32", "memory: 1.5")))
        .containsExactly(TASK + "memory: Invalid value: 1.5: must be an integer");
    assertThat(problems(withTaskFields("env: [A]")))
        .containsExactly(TASK + "env: must be a mapping, not a list");
    assertThat(problems(withTaskFields("env: {PORT: 8080}")))
        .containsExactly(
            TASK + "env[PORT]: Invalid value: 8080: must be a string (put it in quotes)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1A", "MY-VAR", "A B"})
  void envNamesMustBeValidVariableNames(String name) {
    assertThat(problems(withTaskFields("env: {\"" + name + "\": x}")))
        .containsExactly(
            TASK
                + "env["
                + name
                + "]: Invalid value: \""
                + name
                + "\": must consist of letters, digits and '_', and not"
                + " start with a digit (e.g. 'MY_VAR')");
  }

  @Test
  void labelsFollowKubernetesRules() {
    assertThat(
            problems(
                MINIMAL.replace(
                    "name: svc", "name: svc\n  labels: {example.com/team: web, tier: \"\"}")))
        .isEmpty();
    assertThat(problems(MINIMAL.replace("name: svc", "name: svc\n  labels: {\"bad key\": web}")))
        .singleElement()
        .asString()
        .startsWith(
            "metadata.labels[bad key]: Invalid value: \"bad key\": must be an optional DNS prefix");
    assertThat(problems(MINIMAL.replace("name: svc", "name: svc\n  labels: {team: \"-web\"}")))
        .singleElement()
        .asString()
        .startsWith("metadata.labels[team]: Invalid value: \"-web\": must be empty or consist of");
  }

  @Test
  void volumePathsStayInTheSandboxAndUsersAreUnixNames() {
    for (String path : new String[] {"/data", "../data", "a/../b", ".hidden", "a//b"}) {
      assertThat(problems(withTaskFields("volume: {path: \"" + path + "\", sizeMiB: 1}")))
          .as(path)
          .singleElement()
          .asString()
          .startsWith(
              TASK + "volume.path: Invalid value: \"" + path + "\": must be a relative path");
    }
    assertThat(problems(withTaskFields("volume: {path: data/db-1.0, sizeMiB: 1}\nuser: nobody")))
        .isEmpty();
    assertThat(problems(withTaskFields("user: \"root; rm\"")))
        .singleElement()
        .asString()
        .startsWith(TASK + "user: Invalid value: \"root; rm\": must be a Unix user name");
  }

  @Test
  void everyProblemOfADocumentIsReportedAtOnceSortedByPath() {
    assertThat(
            problems(
                MINIMAL
                    .replace("name: svc", "name: Svc")
                    .replace("cpus: 0.1", "cpus: -1")
                    .replace("memory: 32", "memroy: 32\n          goal: DONE")))
        .containsExactly(
            "metadata.name: Invalid value: \"Svc\": must consist of lower case letters, digits and"
                + " '-', and start and end with a letter or digit (e.g. 'my-name')",
            TASK + "cpus: Invalid value: -1: must be greater than 0",
            TASK
                + "goal: Invalid value: \"DONE\": supported values: \"RUNNING\", \"FINISH\","
                + " \"ONCE\"; did you mean \"ONCE\"?",
            TASK + "memroy: unknown field; did you mean \"memory\"?");
  }

  @Test
  void invalidDocumentsKeepTheirNameAndHaveNoResource() {
    LoadedDocument d = Docs.load(MINIMAL.replace("cpus: 0.1", "cpus: -1"));
    assertThat(d.valid()).isFalse();
    assertThat(d.name()).isEqualTo("svc");
    assertThat(d.resource()).isNull();
  }
}
