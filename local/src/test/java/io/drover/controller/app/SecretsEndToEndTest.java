package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.SecretStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A secret from the store to a task's environment through ZooKeeper, the controller and mesos-local:
 * the service waits (with a reason naming the secret) until the secret exists, then deploys; the task
 * sees the value; a new value rolls the task; and the value is in no status, no node of the
 * scheduler, no HTTP answer and not in mesos-local's {@code /state}.
 */
class SecretsEndToEndTest {
  private static final String FIRST = "first-s3cret-value";
  private static final String SECOND = "second-s3cret-value";
  private static final String DOC = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: vault}
      spec:
        pods:
          app:
            tasks:
              server:
                cmd: 'printf %s "$DB_PASSWORD" > seen.txt; exec sleep 300'
                cpus: 0.1
                memory: 32
                secrets: {DB_PASSWORD: {secret: db-pass}}
      """;

  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(1).replicas(1).build();

  @Test
  void aTaskGetsItsSecretWaitsForItAndRollsWhenItChangesWithoutTheValueShowingAnywhere() throws Exception {
    SecretStore secrets = SecretStore.create(drover.user(), DroverCluster.paths());
    long generation = drover.apply("vault", DOC);

    ServiceStatus waiting = drover.awaitStatus("vault", s -> s.observedGeneration() == generation
        && s.condition(Condition.ACCEPTED) != null && s.condition(Condition.ACCEPTED).reason().equals("WaitingForSecrets"));
    assertThat(waiting.condition(Condition.ACCEPTED).message()).contains("secret \"db-pass\"")
        .contains("drover secret create db-pass");
    assertThat(drover.liveTasks("vault")).isEmpty();

    secrets.put("db-pass", FIRST.getBytes(StandardCharsets.UTF_8), false);
    String first = awaitSeen(FIRST, null);

    secrets.put("db-pass", SECOND.getBytes(StandardCharsets.UTF_8), true);
    String second = awaitSeen(SECOND, first);
    assertThat(second).isNotEqualTo(first);

    List<String> places = new ArrayList<>();
    collectNodes(drover.user(), DroverCluster.paths().root(), places);
    places.add(get("/v1/services"));
    places.add(get("/v1/services/vault"));
    places.add(drover.mesos().state().toString());
    places.add(new String(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(drover.mesos().url() + "/state")).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8));
    assertThat(places).isNotEmpty().noneMatch(p -> p.contains(FIRST) || p.contains(SECOND));
  }

  /** Waits until a running task of the service (other than {@code previous}) wrote {@code value}; returns its id. */
  private String awaitSeen(String value, String previous) {
    return await().atMost(DroverCluster.WAIT).until(() -> seenBy(value).filter(id -> !id.equals(previous))
        .filter(id -> "TASK_RUNNING".equals(drover.liveTasks("vault").get(id))).findFirst(), Optional::isPresent).get();
  }

  /** The ids of the tasks whose sandbox holds seen.txt with {@code value}. */
  private Stream<String> seenBy(String value) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.walk(drover.workDir())) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals("seen.txt")).toList()) {
        if (Files.readString(p).equals(value)) {
          // .../executors/<task id>/runs/<run>/seen.txt
          ids.add(p.getParent().getParent().getParent().getFileName().toString());
        }
      }
    }
    return ids.stream();
  }

  private String get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + drover.leader().httpAddress().getPort() + path);
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The data of every node under {@code path} except the secrets themselves. */
  private static void collectNodes(CuratorFramework client, String path, List<String> out) throws Exception {
    if (path.equals(DroverCluster.paths().secrets())) {
      return;
    }
    byte[] data = client.getData().forPath(path);
    out.add(path + ": " + (data == null ? "" : new String(data, StandardCharsets.UTF_8)));
    for (String child : client.getChildren().forPath(path)) {
      collectNodes(client, path.equals("/") ? "/" + child : path + "/" + child, out);
    }
  }
}
