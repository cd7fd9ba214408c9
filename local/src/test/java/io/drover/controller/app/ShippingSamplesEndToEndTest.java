package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.store.SecretStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples that ship code and settings, unchanged but for the tarball's location, through
 * ZooKeeper, the controller and mesos-local: {@code static-site} (a tarball fetched and unpacked,
 * a config file rendered with the task's port) and {@code secret-consumer} (a named secret).
 */
class ShippingSamplesEndToEndTest {
  private static final Path SAMPLES = Path.of("..", "samples");

  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(1).replicas(1).build();

  @TempDir Path dir;

  @Test
  void theStaticSiteServesItsTarballAndItsRenderedConfig() throws Exception {
    Path tarball = dir.resolve("site.tar.gz");
    Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", SAMPLES.resolve("site").toString(), ".")
        .inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    String doc = Files.readString(SAMPLES.resolve("static-site.yaml"))
        .replace("file:///tmp/drover-sample-site.tar.gz", "file://" + tarball);
    long generation = drover.apply("static-site", doc);

    ServiceStatus ready = drover.awaitStatus("static-site", s -> ready(s, generation));

    TaskRow task = ready.tasks().get(0);
    long port = task.ports().get("http");
    assertThat(get(port, "/config.json")).isEqualTo("{\"title\": \"Drover sample site\", \"port\": " + port
        + ", \"instance\": 0}\n");
    assertThat(get(port, "/index.html")).isEqualTo(Files.readString(SAMPLES.resolve("site/index.html")));
  }

  @Test
  void theSecretConsumerWaitsForItsSecretThenRuns() throws Exception {
    long generation = drover.apply("secret-consumer", Files.readString(SAMPLES.resolve("secret-consumer.yaml")));
    drover.awaitStatus("secret-consumer", s -> s.observedGeneration() == generation
        && "WaitingForSecrets".equals(s.condition(Condition.ACCEPTED).reason()));

    SecretStore.create(drover.user(), DroverCluster.paths())
        .put("sample-token", "change-me".getBytes(StandardCharsets.UTF_8), false);

    drover.awaitStatus("secret-consumer", s -> ready(s, generation));
    DroverCluster.assertRunning(drover.liveTasks("secret-consumer"), 1);
  }

  private static boolean ready(ServiceStatus s, long generation) {
    Condition ready = s.condition(Condition.READY);
    return s.observedGeneration() == generation && ready != null && ready.isTrue();
  }

  private static String get(long port, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
