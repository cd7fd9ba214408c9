package io.drover.reconcile.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.offer.InstanceLauncher.TaskToLaunch;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.pod.PodInstances;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.pod.TaskSpecDigest;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.testing.ScriptedCluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.Secret;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;

/** What a task brings into its sandbox, from the document to the TaskInfo. */
class TaskContentsTest {
  private static final TaskName NAME = TaskName.of("web", 0, "server");
  private static final String HEAD = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: shop}
      spec:
        pods:
          web:
      """;

  private final AtomicInteger n = new AtomicInteger();
  private final Ids ids = () -> "id-" + n.incrementAndGet();
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1", "h1", 2, 1024, 2000, 31000, 31005);

  static Target target(String podYaml) {
    List<LoadedDocument> docs = Services.load("test.yaml", (HEAD + podYaml.indent(6)).getBytes(StandardCharsets.UTF_8));
    assertThat(docs.get(0).problems()).isEmpty();
    ServiceResource r = docs.get(0).resource();
    return Target.of(Services.specHash(r), 1, r);
  }

  TaskInfo launched(Target t) {
    var spec = PodInstances.taskSpec(t.spec(), NAME).orElseThrow();
    var launch = InstanceLauncher.launch(t, "pr", List.of(new TaskToLaunch(NAME, spec, null)), null,
        OfferPools.of(cluster.offers()).get(0), ids).orElseThrow();
    return launch.records().get(0).info();
  }

  static String digest(Target t) {
    return TaskSpecDigest.of(PodInstances.taskSpec(t.spec(), NAME).orElseThrow());
  }

  private static final String TASK = """
      tasks:
        server: {cmd: run, cpus: 0.1, memory: 32%s}
      """;

  @Test
  void thePodsUrisComeBeforeTheTasksWithTheFetcherOptions() {
    Target t = target("uris: [{uri: 'https://repo/common.tgz'}]\n"
        + TASK.formatted(", uris: [{uri: 'file:///srv/tool', executable: true, cache: true, outputFile: bin/tool}]"));
    List<CommandInfo.URI> uris = launched(t).getCommand().getUrisList();
    assertThat(uris).hasSize(2);
    assertThat(uris.get(0).getValue()).isEqualTo("https://repo/common.tgz");
    assertThat(uris.get(0).getExtract()).isTrue();
    assertThat(uris.get(0).getExecutable()).isFalse();
    assertThat(uris.get(0).hasOutputFile()).isFalse();
    assertThat(uris.get(1).getValue()).isEqualTo("file:///srv/tool");
    assertThat(uris.get(1).getExecutable()).isTrue();
    assertThat(uris.get(1).getCache()).isTrue();
    assertThat(uris.get(1).getOutputFile()).isEqualTo("bin/tool");
  }

  @Test
  void aChangedUriListChangesTheDigestWhileNoUrisKeepTheDigestOfBefore() {
    String plain = digest(target(TASK.formatted("")));
    assertThat(digest(target(TASK.formatted(", uris: []")))).isEqualTo(plain);
    String one = digest(target(TASK.formatted(", uris: [{uri: 'https://repo/a.tgz'}]")));
    assertThat(one).isNotEqualTo(plain);
    assertThat(digest(target(TASK.formatted(", uris: [{uri: 'https://repo/b.tgz'}]")))).isNotEqualTo(one);
    assertThat(digest(target(TASK.formatted(", uris: [{uri: 'https://repo/a.tgz', extract: false}]")))).isNotEqualTo(one);
    assertThat(digest(target("uris: [{uri: 'https://repo/a.tgz'}]\n" + TASK.formatted("")))).isEqualTo(one);
  }

  @Test
  void secretsAreStoredAsReferencesByNameNeverAsValues() {
    TaskInfo info = launched(target(TASK.formatted(", secrets: {DB_PASSWORD: {secret: db-pass}}")));
    Environment.Variable v = info.getCommand().getEnvironment().getVariablesList().stream()
        .filter(e -> e.getName().equals("DB_PASSWORD")).findFirst().orElseThrow();
    assertThat(v.getType()).isEqualTo(Environment.Variable.Type.SECRET);
    assertThat(v.hasValue()).isFalse();
    assertThat(v.getSecret().getType()).isEqualTo(Secret.Type.REFERENCE);
    assertThat(v.getSecret().getReference().getName()).isEqualTo("db-pass");
    assertThat(v.getSecret().hasValue()).isFalse();
  }

  @Test
  void configsAreRenderedAtLaunchWithThePortAndWrittenBeforeTheCommand() {
    Target t = target("""
        count: 1
        tasks:
          server:
            cmd: run
            cpus: 0.1
            memory: 32
            env: {GREETING: hi}
            ports: {http: {}}
            configs:
              app: {path: conf/app.conf, template: "listen={{PORT_HTTP}}\\n{{ GREETING }} from {{TASK_NAME}} #{{POD_INSTANCE_INDEX}}\\n"}
        """);
    TaskInfo info = launched(t);
    String port = info.getCommand().getEnvironment().getVariablesList().stream()
        .filter(v -> v.getName().equals("PORT_HTTP")).findFirst().orElseThrow().getValue();
    String content = info.getCommand().getEnvironment().getVariablesList().stream()
        .filter(v -> v.getName().equals("DROVER_CONFIG_APP")).findFirst().orElseThrow().getValue();
    assertThat(content).isEqualTo("listen=" + port + "\nhi from web-0-server #0\n");
    assertThat(info.getCommand().getValue())
        .isEqualTo("mkdir -p 'conf' && printf '%s' \"$DROVER_CONFIG_APP\" > 'conf/app.conf' || exit 1\nrun");
  }

  @Test
  void aChangedTemplateChangesTheDigest() {
    String a = digest(target(TASK.formatted(", configs: {c: {path: c.conf, template: 'a={{TASK_NAME}}'}}")));
    String b = digest(target(TASK.formatted(", configs: {c: {path: c.conf, template: 'b={{TASK_NAME}}'}}")));
    assertThat(a).isNotEqualTo(b).isNotEqualTo(digest(target(TASK.formatted(""))));
  }

  @Test
  void anImageRunsInTheMesosContainerizerAndThePodsImageIsTheDefault() {
    TaskInfo own = launched(target("image: debian:bookworm-slim\n" + TASK.formatted(", image: 'registry.local:5000/app:1.2'")));
    TaskInfo inherited = launched(target("image: debian:bookworm-slim\n" + TASK.formatted("")));
    TaskInfo none = launched(target(TASK.formatted("")));

    assertThat(own.getContainer().getType()).isEqualTo(ContainerInfo.Type.MESOS);
    assertThat(own.getContainer().hasDocker()).isFalse();
    assertThat(own.getContainer().getMesos().getImage().getType()).isEqualTo(Image.Type.DOCKER);
    assertThat(own.getContainer().getMesos().getImage().getDocker().getName()).isEqualTo("registry.local:5000/app:1.2");
    assertThat(inherited.getContainer().getMesos().getImage().getDocker().getName()).isEqualTo("debian:bookworm-slim");
    assertThat(none.hasContainer()).isFalse();
    assertThat(digest(target(TASK.formatted(", image: 'a:1'")))).isNotEqualTo(digest(target(TASK.formatted(", image: 'a:2'"))));
  }
}
