package io.drover.controller.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.drover.api.status.ServiceEvent;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.scheduler.ServiceOperations;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code /v1/services...}: reads on every replica; operator actions on the leader only, a standby
 * answering 307 with the leader's address (or 503 while no leader is known). An action answers 202
 * once the scheduler accepted and stored it, 404 for an unknown service, instance or plan, 409
 * when the service's state does not allow it.
 *
 * <pre>
 * GET  /v1/services          one small row per service (see {@link ServiceSummary})
 * GET  /v1/services/{name}
 * GET  /v1/services/{name}/events   the service's latest events, oldest first
 * POST /v1/services/{name}/pods/{instance}/restart | replace
 * POST /v1/services/{name}/plans/{plan}/pause | resume
 * </pre>
 */
final class ServicesHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ServicesHandler.class);
  private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(10);

  private final ControllerView view;
  private final Supplier<Optional<ServiceOperations>> operations;

  ServicesHandler(ControllerView view, Supplier<Optional<ServiceOperations>> operations) {
    this.view = view;
    this.operations = operations;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String[] parts = ex.getRequestURI().getPath().replaceAll("/+$", "").split("/");
      // "", "v1", "services", name, kind, id, action
      String method = ex.getRequestMethod();
      boolean read = method.equals("GET") || method.equals("HEAD");
      if (parts.length == 3 && read) {
        Exchanges.json(ex, 200, Map.of("services", view.services().stream().map(ServiceSummary::of).toList()));
      } else if (parts.length == 4 && read) {
        Optional<ServiceView> s = view.service(parts[3]);
        if (s.isPresent()) {
          Exchanges.json(ex, 200, s.get());
        } else {
          Exchanges.error(ex, 404, "service/" + parts[3] + " not found");
        }
      } else if (parts.length == 5 && parts[4].equals("events") && read) {
        events(ex, parts[3]);
      } else if (parts.length == 7 && method.equals("POST")) {
        operate(ex, parts[3], parts[4], parts[5], parts[6]);
      } else if (parts.length == 3 || parts.length == 4 || parts.length == 7 || (parts.length == 5 && parts[4].equals("events"))) {
        ex.getResponseHeaders().set("Allow", parts.length == 7 ? "POST" : "GET, HEAD");
        Exchanges.error(ex, 405, method + " is not allowed on " + ex.getRequestURI().getPath());
      } else {
        Exchanges.error(ex, 404, "no such resource: " + ex.getRequestURI().getPath());
      }
    }
  }

  /** The service's event history from its status, oldest first; 404 for an unknown service. */
  private void events(HttpExchange ex, String name) throws IOException {
    Optional<ServiceView> s = view.service(name);
    if (s.isEmpty()) {
      Exchanges.error(ex, 404, "service/" + name + " not found");
      return;
    }
    ServiceStatus status = s.get().status();
    List<ServiceEvent> events = status == null || status.events() == null ? List.of() : status.events();
    Exchanges.json(ex, 200, Map.of("events", events));
  }

  private void operate(HttpExchange ex, String service, String kind, String id, String action) throws IOException {
    Optional<ServiceOperations> ops = operations.get();
    if (ops.isEmpty()) {
      redirectToLeader(ex);
      return;
    }
    CompletableFuture<Void> command;
    switch (kind + "/" + action) {
      case "pods/restart" -> command = ops.get().restartPod(service, id);
      case "pods/replace" -> command = ops.get().replacePod(service, id);
      case "plans/pause" -> command = ops.get().pausePlan(service, id);
      case "plans/resume" -> command = ops.get().resumePlan(service, id);
      default -> {
        Exchanges.error(ex, 404, "no such action: " + kind + "/{id}/" + action
            + " (pods/{instance}/restart|replace, plans/{plan}/pause|resume)");
        return;
      }
    }
    MDC.put("service", service);
    try {
      command.get(ACTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("{} {}: accepted", action, id);
      Exchanges.json(ex, 202, Map.of("service", service, "target", id, "action", action, "accepted", true));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      int status = cause instanceof IllegalArgumentException ? 404 : cause instanceof IllegalStateException ? 409 : 500;
      Exchanges.error(ex, status, String.valueOf(cause.getMessage()));
    } catch (TimeoutException e) {
      Exchanges.error(ex, 504, "the scheduler did not accept the action within " + ACTION_TIMEOUT.toSeconds() + "s; check the leader's log");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Exchanges.error(ex, 503, "interrupted");
    } finally {
      MDC.remove("service");
    }
  }

  private void redirectToLeader(HttpExchange ex) throws IOException {
    ReplicaInfo leader;
    try {
      leader = view.leader().leader();
    } catch (Exception e) {
      Exchanges.error(ex, 503, "cannot tell who leads (ZooKeeper unreachable?); retry shortly");
      return;
    }
    if (leader == null || leader.httpAddress() == null) {
      Exchanges.error(ex, 503, "no leader is elected right now; retry shortly");
      return;
    }
    ex.getResponseHeaders().set("Location", "http://" + leader.httpAddress() + ex.getRequestURI());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "this replica is not the leader; send the request to the leader");
    body.put("leader", leader.httpAddress());
    Exchanges.json(ex, 307, body);
  }
}
