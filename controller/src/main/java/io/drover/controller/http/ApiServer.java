package io.drover.controller.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drover.controller.ha.ElectionMember;
import io.drover.controller.scheduler.ServiceOperations;
import io.drover.controller.security.BearerTokenFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's HTTP API on the JDK's {@link HttpServer}, served by every replica:
 * {@code /v1/services...} (see {@link ServicesHandler}), {@code GET /v1/leader}, {@code GET
 * /v1/replicas} (every replica in the election), {@code /healthz} (the process is up), {@code
 * /readyz} (caches loaded and ZooKeeper connected), {@code /metrics} in the Prometheus text
 * format, and the web dashboard at {@code /} (see {@link DashboardHandler}).
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private ApiServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts serving on {@code executor}, which the server shuts down on close.
   *
   * @param operations the leader's operator actions, empty on a standby
   */
  public static ApiServer start(
      InetSocketAddress bind,
      ControllerView view,
      Supplier<Optional<ServiceOperations>> operations,
      PrometheusMeterRegistry metrics,
      ExecutorService executor)
      throws IOException {
    return start(bind, view, operations, metrics, executor, BearerTokenFilter.of(Optional.empty()));
  }

  /**
   * Like the other {@code start}, with {@code access} in front of every resource (the bearer token
   * check of mutating requests, see {@link BearerTokenFilter}).
   */
  public static ApiServer start(
      InetSocketAddress bind,
      ControllerView view,
      Supplier<Optional<ServiceOperations>> operations,
      PrometheusMeterRegistry metrics,
      ExecutorService executor,
      Filter access)
      throws IOException {
    return start(bind, view, operations, metrics, executor, access, Optional.empty());
  }

  /**
   * Like the other {@code start}, with {@code access} in front of every resource, and {@code mesosMaster}, through which
   * {@code /v1/logs/} finds tasks' sandboxes (empty: it answers 503).
   */
  public static ApiServer start(
      InetSocketAddress bind,
      ControllerView view,
      Supplier<Optional<ServiceOperations>> operations,
      PrometheusMeterRegistry metrics,
      ExecutorService executor,
      Filter access,
      Optional<String> mesosMaster)
      throws IOException {
    HttpServer server = HttpServer.create(bind, 64);
    List<HttpContext> contexts = new ArrayList<>();
    contexts.add(server.createContext("/v1/services", new ServicesHandler(view, operations)));
    contexts.add(server.createContext("/v1/leader", ex -> get(ex, () -> leader(view))));
    contexts.add(server.createContext("/v1/replicas", ex -> get(ex, () -> replicas(view))));
    contexts.add(server.createContext(TaskLogsHandler.PATH, new TaskLogsHandler(view, mesosMaster)));
    contexts.add(server.createContext("/healthz", ex -> get(ex, () -> Map.of("status", "ok"))));
    contexts.add(server.createContext("/readyz", ex -> readyz(ex, view)));
    contexts.add(server.createContext("/metrics", ex -> {
      try (ex) {
        Exchanges.text(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      }
    }));
    contexts.add(server.createContext("/", DashboardHandler.load()));
    contexts.forEach(c -> c.getFilters().add(access));
    server.setExecutor(executor);
    server.start();
    LOG.info("HTTP API listening on {}", server.getAddress());
    return new ApiServer(server, executor);
  }

  /** The bound address (with the actual port when bound to port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A body to send, or an exception to report as 503. */
  private interface Body {
    Object get() throws Exception;
  }

  private static void get(HttpExchange ex, Body body) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        Exchanges.error(ex, 405, ex.getRequestMethod() + " is not allowed on " + ex.getRequestURI().getPath());
        return;
      }
      Object value;
      try {
        value = body.get();
      } catch (Exception e) {
        Exchanges.error(ex, 503, "cannot answer right now: " + e.getMessage());
        return;
      }
      Exchanges.json(ex, 200, value);
    }
  }

  private static void readyz(HttpExchange ex, ControllerView view) throws IOException {
    try (ex) {
      List<String> reasons = view.notReadyReasons();
      Exchanges.json(ex, reasons.isEmpty() ? 200 : 503, Map.of("ready", reasons.isEmpty(), "reasons", reasons));
    }
  }

  private static Map<String, Object> leader(ControllerView view) throws Exception {
    LeaderView l = view.leader();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leader", l.leader() == null ? null : Map.of("id", l.leader().id(), "address", l.leader().httpAddress()));
    m.put("self", Map.of("id", l.self().id(), "address", l.self().httpAddress()));
    m.put("leading", l.leading());
    m.put("since", text(l.since()));
    m.put("firstReconcile", text(l.firstReconcile()));
    return m;
  }

  private static Map<String, Object> replicas(ControllerView view) throws Exception {
    String self = view.leader().self().id();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ElectionMember m : view.replicas()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", m.replica().id());
      row.put("address", m.replica().httpAddress());
      row.put("leader", m.leader());
      row.put("self", m.replica().id().equals(self));
      rows.add(row);
    }
    return Map.of("replicas", rows);
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
