package io.drover.controller.security;

import static io.drover.controller.store.SecuredZooKeeper.CONTROLLER;
import static io.drover.controller.store.SecuredZooKeeper.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.app.Controller;
import io.drover.controller.app.ControllerConfig;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.SecretStore;
import io.drover.controller.store.SecuredZooKeeper;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusStore;
import io.drover.mesoslocal.MesosLocal;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import io.drover.reconcile.state.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A controller with every credential set (ZooKeeper digest, Mesos principal and secret read from a
 * file, API token) deploys a service whose task uses a named secret on mesos-local while every log event of every logger is
 * captured at DEBUG; then no log line, status node, ZooKeeper node, HTTP answer or metric contains
 * any of the secrets.
 */
class SecretsStayHiddenTest {

  @RegisterExtension
  static final SecuredZooKeeper ZK = new SecuredZooKeeper();

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MESOS_SECRET = "mesos-secret-5b1e";
  private static final String API_TOKEN = "api-token-c9d2";
  /** A named secret a task uses: stored under ROOT/secrets, and nowhere else. */
  private static final String TASK_SECRET = "task-secret-77ad";

  @TempDir
  Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Map<String, Level> savedLevels = new java.util.HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private MesosLocal mesos;
  private Controller controller;

  @BeforeEach
  void captureEveryLogAtDebug() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.zookeeper",
        "org.apache.curator", "io.drover")) {
      Logger logger = ctx.getLogger(name);
      savedLevels.put(name, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    logs.setContext(ctx);
    logs.start();
    ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
    if (mesos != null) {
      mesos.close();
    }
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    logs.stop();
    savedLevels.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
  }

  @Test
  void noSecretReachesLogsStatusZooKeeperHttpOrMetrics() throws Exception {
    ZK.init();
    Path secretFile = Files.writeString(dir.resolve("mesos-secret"), MESOS_SECRET + "\n");
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
    Secret mesosSecret = SecretSource.read("the Mesos secret", secretFile, "DROVER_MESOS_SECRET",
        Map.of()).orElseThrow();
    Secret apiToken = SecretSource.read("the API token", null, "DROVER_API_TOKEN",
        Map.of("DROVER_API_TOKEN", API_TOKEN)).orElseThrow();
    mesos = MesosLocal.builder().agents(1)
        .agentResources("cpus:2;mem:2048;disk:4096;ports:[31000-31100]")
        .heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(1))
        .workDir(Files.createDirectories(dir.resolve("mesos")))
        .start();
    FrameworkConfig framework = FrameworkConfig.named("drover-secrets")
        .withPrincipal("drover", mesosSecret.reveal());
    ControllerConfig config = ControllerConfig.of(
            ZK.settingsAs(CONTROLLER).withSessionTimeout(Duration.ofSeconds(4))
                .withConnectionTimeout(Duration.ofSeconds(3)),
            "replica-0", 0, "127.0.0.1")
        .withHttpHost("127.0.0.1")
        .withApiToken(apiToken);
    LoggerFactory.getLogger(SecretsStayHiddenTest.class).info("starting with {} and {}",
        framework, config);

    controller = Controller.start(config, runtimes(framework));
    SecretStore.create(ZK.connect(ZK.settingsAs(USER)), ZK.paths())
        .put("app-token", TASK_SECRET.getBytes(StandardCharsets.UTF_8), false);
    DesiredStore desired = DesiredStore.create(ZK.connect(ZK.settingsAs(USER)), ZK.paths());
    desired.create("web", """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: web}
        spec:
          pods:
            web:
              tasks:
                server: {cmd: "exec sleep 600", cpus: 0.1, memory: 32, secrets: {TOKEN: {secret: app-token}}}
        """.getBytes(StandardCharsets.UTF_8));
    StatusStore statuses = StatusStore.create(ZK.connect(ZK.settingsAs(USER)), ZK.paths());
    await().atMost(WAIT).until(() -> statuses.read("web").map(StatusDocument::status), s ->
        s.isPresent() && ready(s.get()));

    String base = "http://127.0.0.1:" + controller.httpAddress().getPort();
    String restart = base + "/v1/services/web/pods/web-0/restart";
    assertThat(post(restart, null).statusCode()).isEqualTo(401);
    assertThat(post(restart, "Bearer wrong-" + API_TOKEN).statusCode()).isEqualTo(401);
    assertThat(post(restart, "Bearer " + API_TOKEN).statusCode()).isEqualTo(202);

    List<String> exposed = new ArrayList<>();
    for (String path : List.of("/v1/services", "/v1/services/web", "/v1/leader", "/metrics",
        "/readyz", "/healthz")) {
      exposed.add(get(base + path));
    }
    exposed.addAll(everyNodeUnder(ZK.paths().root()));
    List<String> logLines = logs.list.stream().map(SecretsStayHiddenTest::render).toList();
    assertThat(logLines).as("log events captured").hasSizeGreaterThan(50);
    exposed.addAll(logLines);

    for (String secret : List.of(MESOS_SECRET, API_TOKEN, CONTROLLER.password(),
        USER.password(), TASK_SECRET)) {
      assertThat(exposed).as("places holding " + secret)
          .noneMatch(text -> text.contains(secret));
    }
  }

  private SchedulerRuntimeFactory runtimes(FrameworkConfig framework) {
    SchedulerSettings scheduler = SchedulerSettings.defaults("drover")
        .withPerService(ServiceSchedulerSettings.defaults("drover")
            .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(3)))
        .withTick(Duration.ofMillis(100))
        .withReviveInterval(Duration.ofMillis(300));
    return SchedulerRuntimeFactory.mesos(mesos.url(), framework, scheduler, ZK.paths().root(),
        b -> b.requestTimeout(Duration.ofSeconds(5))
            .reconnectBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))));
  }

  private static boolean ready(ServiceStatus s) {
    Condition ready = s.condition(Condition.READY);
    return ready != null && ready.isTrue();
  }

  /** The data of every node under {@code root}, read as both identities. */
  private static List<String> everyNodeUnder(String root) throws Exception {
    CuratorFramework admin = ZK.connectAs(CONTROLLER, USER);
    List<String> contents = new ArrayList<>();
    Deque<String> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      String path = pending.pop();
      if (path.equals(ZK.paths().secrets())) {
        continue; // where named secrets are kept, by design
      }
      byte[] data = admin.getData().forPath(path);
      contents.add(path + " " + (data == null ? "" : new String(data, StandardCharsets.UTF_8)));
      admin.getChildren().forPath(path).forEach(c -> pending.push(path + "/" + c));
    }
    return contents;
  }

  /** A log event as an appender would print it: logger, message, arguments, MDC, stack trace. */
  private static String render(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(e.getLoggerName()).append(' ')
        .append(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
    if (e.getThrowableProxy() != null) {
      b.append(' ').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
    }
    return b.toString();
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<String> post(String url, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.noBody());
    Optional.ofNullable(authorization).ifPresent(a -> b.header("Authorization", a));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
