package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.controller.Decision;
import io.drover.reconcile.controller.DesiredService;
import io.drover.reconcile.controller.DocumentReconciler;
import io.drover.reconcile.controller.SecretBinding;
import io.drover.reconcile.controller.ServiceSnapshot;
import io.drover.reconcile.pod.PodInstances;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.state.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code putService} takes the target the desired cache made (its resource and spec hash) as it is;
 * controllers before that defaulted the document again and hashed the result. For an unchanged
 * document both must store the same spec hash, document and task digests: otherwise every running
 * service would look changed to an upgraded controller and roll once.
 */
class CachedTargetHashTest {
  private static final long GENERATION = 3;

  /** A document with most of what a spec can say, some defaults written out, some not. */
  private static final String EVERYTHING = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: everything, labels: {team: a}}
      spec:
        pods:
          web:
            count: 2
            image: "nginx:1.27"
            uris: [{uri: "https://example.com/site.tgz"}]
            placement: {maxPerHost: 1}
            tasks:
              server:
                cmd: "serve"
                cpus: 0.2
                memory: 64
                ports: {http: {}, admin: {port: 9000}}
                env: {B: "2", A: "1"}
                healthCheck: {cmd: "true", intervalSeconds: 5}
                readinessCheck: {cmd: "true"}
                killGracePeriodSeconds: 5
                secrets: {TOKEN: {secret: "token"}}
              sidecar:
                cmd: "tail -f log"
                cpus: 0.1
                memory: 32
          db:
            executor: default
            tasks:
              backup:
                cmd: "backup"
                cpus: 0.1
                memory: 32
                essential: false
              main:
                cmd: "db"
                cpus: 0.5
                memory: 256
                volume: {path: data, sizeMiB: 100}
              migrate:
                goal: FINISH
                cmd: "migrate"
                cpus: 0.1
                memory: 32
        plans:
          deploy:
            strategy: serial
            phases:
              databases: {pod: db}
              webs: {pod: web, strategy: parallel}
      """;

  static Stream<String> documents() throws IOException {
    List<String> out = new ArrayList<>(List.of(EVERYTHING));
    try (Stream<Path> samples = Files.list(Path.of("..", "samples"))) {
      for (Path p : samples.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(Files.readString(p));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("documents")
  void anUnchangedDocumentKeepsTheSpecHashAndTaskDigestsAControllerBeforeStored(String yaml) throws Exception {
    String name = Services.load("doc", yaml.getBytes(StandardCharsets.UTF_8)).get(0).resource().name();
    DesiredEntry cached = DesiredEntry.decode(name, node(name, yaml));
    assertThat(cached.service().errors()).isEmpty();
    DesiredService bound = SecretBinding.bind(cached.service(), secret -> Optional.of("v7")).desired();
    Target now = bound.target();

    // What ServiceChange.put computed before putService took the cache's target.
    ServiceResource defaultedAgain = Services.withDefaults(bound.resource());
    Target before = Target.of(Services.specHash(defaultedAgain), GENERATION, defaultedAgain);

    assertThat(now.specHash()).isEqualTo(before.specHash());
    assertThat(now).isEqualTo(before);
    assertThat(ServiceRecordCodec.spec(now)).as("the spec node written").isEqualTo(ServiceRecordCodec.spec(before));

    // A new leader reads back what the controller before stored: same hash, same digests, nothing to put.
    Target stored = ServiceRecordCodec.spec("/spec", ServiceRecordCodec.spec(before));
    assertThat(stored.specHash()).isEqualTo(now.specHash());
    for (TaskName task : tasks(now)) {
      assertThat(stored.digest(task)).as(task.name()).isEqualTo(now.digest(task));
    }
    ObservedService running = new ObservedService(name, GENERATION, stored.specHash(), ObservedService.Lifecycle.RUNNING,
        List.of(), List.of(), null);
    assertThat(DocumentReconciler.decide(new ServiceSnapshot(name, bound, running, null)))
        .isEqualTo(new Decision.Nothing("up to date"));
  }

  private static List<TaskName> tasks(Target t) {
    return PodInstances.all(t.spec()).stream().flatMap(id -> PodInstances.tasks(t.spec(), id).stream()).toList();
  }

  private static ChildData node(String name, String yaml) {
    Stat stat = new Stat();
    stat.setVersion((int) GENERATION);
    return new ChildData("/services/" + name, stat, yaml.getBytes(StandardCharsets.UTF_8));
  }
}
