package io.drover.api;

import static io.drover.api.Docs.MINIMAL;
import static io.drover.api.Docs.problems;
import static io.drover.api.Docs.withTaskFields;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules the schema cannot express, one test per rule. */
class SemanticRulesTest {
  private static final String TASK = "spec.pods.web.tasks.server.";

  /** Two pods, db and web, with no plans. */
  private static final String TWO_PODS =
      """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: two}
      spec:
        pods:
          db:
            tasks:
              db: {cmd: "sleep 1000", cpus: 0.1, memory: 32}
          web:
            tasks:
              server: {cmd: "sleep 1000", cpus: 0.1, memory: 32}
      """;

  /** MINIMAL plus a second task "sidecar" in pod web, with the given extra fields. */
  private static String withSidecar(String serverFields, String sidecarFields) {
    return withTaskFields(serverFields)
        + "        sidecar:\n"
        + ("cmd: x\ncpus: 0.1\nmemory: 8\n" + sidecarFields).indent(10);
  }

  @Test
  void cpusBelowOneThousandthAreRefused() {
    assertThat(problems(MINIMAL.replace("cpus: 0.1", "cpus: 0.0005")))
        .containsExactly(
            TASK
                + "cpus: Invalid value: 0.0005: must be at least 0.001 (Mesos counts CPU shares in"
                + " thousandths)");
    assertThat(problems(MINIMAL.replace("cpus: 0.1", "cpus: 0.001"))).isEmpty();
  }

  @Test
  void portNamesAreUniqueWithinAPod() {
    assertThat(problems(withSidecar("ports: {http: {}}", "ports: {http: {}}")))
        .containsExactly(
            "spec.pods.web.tasks.sidecar.ports.http: Invalid value: \"http\": port name already"
                + " used by task \"server\"; port names must be unique within a pod");
  }

  @Test
  void portNamesMayRepeatAcrossPods() {
    String doc =
        TWO_PODS
            .replace(
                "db: {cmd: \"sleep 1000\", cpus: 0.1, memory: 32}",
                "db: {cmd: x, cpus: 0.1, memory: 32, ports: {http: {port: 80}}}")
            .replace(
                "server: {cmd: \"sleep 1000\", cpus: 0.1, memory: 32}",
                "server: {cmd: x, cpus: 0.1, memory: 32, ports: {http: {port: 80}}}");
    assertThat(problems(doc)).isEmpty();
  }

  @Test
  void fixedPortsAreUniqueWithinAPodButAnyPortMayRepeat() {
    assertThat(
            problems(
                withSidecar(
                    "ports: {a: {port: 8080}, b: {port: 0}}", "ports: {c: {port: 8080}, d: {}}")))
        .containsExactly(
            "spec.pods.web.tasks.sidecar.ports.c.port: Invalid value: 8080: already used by task"
                + " \"server\" port \"a\"; fixed ports must be unique within a pod");
    assertThat(problems(withTaskFields("ports: {a: {port: 9000}, b: {port: 9000}}")))
        .containsExactly(
            TASK
                + "ports.b.port: Invalid value: 9000: already used by task \"server\" port \"a\";"
                + " fixed ports must be unique within a pod");
  }

  @Test
  void envMustNotSetAVariableAPortExports() {
    assertThat(
            problems(
                withTaskFields(
                    "ports: {http-admin: {}}\nenv: {PORT_HTTP_ADMIN: \"1\", PORT_OTHER: \"2\"}")))
        .containsExactly(
            TASK
                + "env[PORT_HTTP_ADMIN]: conflicts with the variable that port \"http-admin\""
                + " exports; remove it from env (Drover sets PORT_HTTP_ADMIN to the port number)");
  }

  @Test
  void readinessChecksAreOnlyForRunningTasks() {
    for (String goal : new String[] {"FINISH", "ONCE"}) {
      assertThat(problems(withTaskFields("goal: " + goal + "\nreadinessCheck: {cmd: \"true\"}")))
          .containsExactly(
              TASK
                  + "readinessCheck: not allowed for goal "
                  + goal
                  + ": such a task is ready when it"
                  + " exits successfully; remove readinessCheck or use goal RUNNING");
    }
    assertThat(problems(withTaskFields("goal: FINISH\nhealthCheck: {cmd: \"true\"}"))).isEmpty();
    assertThat(problems(withTaskFields("readinessCheck: {cmd: \"true\"}"))).isEmpty();
  }

  @Test
  void placementRuleValuesMustCompile() {
    String doc =
        MINIMAL.replace(
            "web:\n",
            """
            web:
                  placement:
                    maxPerHost: 2
                    rules:
                      - {field: hostname, operator: LIKE, value: "agent-[0-9]+"}
                      - {field: rack, operator: UNLIKE, value: "(a"}
            """);
    assertThat(problems(doc))
        .containsExactly(
            "spec.pods.web.placement.rules[1].value: Invalid value: \"(a\": must be"
                + " a valid regular expression: Unclosed group near index 2");
  }

  @Test
  void planPhasesMustNameExistingPods() {
    assertThat(problems(TWO_PODS + "  plans: {deploy: {phases: {a: {pod: webb}, b: {pod: db}}}}\n"))
        .containsExactly(
            "spec.plans.deploy.phases.a.pod: Invalid value: \"webb\": no such pod; did you mean"
                + " \"web\"?");
    assertThat(
            problems(TWO_PODS + "  plans: {deploy: {phases: {a: {pod: cache}, b: {pod: db}}}}\n"))
        .containsExactly(
            "spec.plans.deploy.phases.a.pod: Invalid value: \"cache\": no such pod; pods are db,"
                + " web");
  }

  @Test
  void everyPodIsInExactlyOnePhaseOfEachWrittenPlan() {
    assertThat(
            problems(
                TWO_PODS
                    + "  plans: {update: {phases: {a: {pod: db}, b: {pod: db}, c: {pod: web}}}}\n"))
        .containsExactly(
            "spec.plans.update.phases.b.pod: Invalid value: \"db\": pod already in phase \"a\";"
                + " each pod must be in exactly one phase of a plan");
    assertThat(problems(TWO_PODS + "  plans: {deploy: {phases: {only: {pod: db}}}}\n"))
        .containsExactly(
            "spec.plans.deploy.phases: pod \"web\" is in no phase; each pod must be in exactly one"
                + " phase of a plan");
    assertThat(problems(TWO_PODS + "  plans: {deploy: {phases: {a: {pod: web}, b: {pod: db}}}}\n"))
        .isEmpty();
  }

  @Test
  void aMissingPodIsNotReportedTwiceWhenAPhaseMisspellsIt() {
    assertThat(problems(TWO_PODS + "  plans: {deploy: {phases: {a: {pod: dbb}, b: {pod: web}}}}\n"))
        .containsExactly(
            "spec.plans.deploy.phases.a.pod: Invalid value: \"dbb\": no such pod; did you mean"
                + " \"db\"?");
  }

  @Test
  void semanticRulesStillRunWhenTheSchemaFoundProblems() {
    assertThat(problems(withSidecar("ports: {http: {}}\nmemroy: 3", "ports: {http: {}}")))
        .containsExactly(
            TASK + "memroy: unknown field; did you mean \"memory\"?",
            "spec.pods.web.tasks.sidecar.ports.http: Invalid value: \"http\": port name already"
                + " used by task \"server\"; port names must be unique within a pod");
  }

  @Test
  void aGroupPodMayHaveNonEssentialTasksButNeedsAnEssentialOne() {
    assertThat(problems(Docs.inGroupPod(withSidecar("", "essential: false")))).isEmpty();
    assertThat(problems(Docs.inGroupPod(withSidecar("essential: false", "essential: false"))))
        .containsExactly(
            "spec.pods.web.tasks: every task has essential: false, but a pod needs at least one"
                + " essential task (an instance lives as long as its essential tasks); remove"
                + " essential: false from the pod's main task");
  }

  @Test
  void aCommandPodRefusesNonEssentialTasks() {
    assertThat(problems(withSidecar("", "essential: false")))
        .containsExactly(
            "spec.pods.web.tasks.sidecar.essential: Invalid value: false: only tasks of a pod with"
                + " executor: default (a task group) may be non-essential; a command pod launches"
                + " and relaunches each task on its own. Set executor: default on pod \"web\", or"
                + " remove essential");
    assertThat(problems(withTaskFields("essential: true"))).isEmpty();
  }

  @Test
  void theExecutorIsDefaultOrCommand() {
    assertThat(problems(MINIMAL.replace("    web:\n", "    web:\n      executor: docker\n")))
        .containsExactly(
            "spec.pods.web.executor: Invalid value: \"docker\": supported values: \"default\","
                + " \"command\"");
  }
}
