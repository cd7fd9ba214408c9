package io.drover.mesoslocal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fault injection over HTTP, for tests in other processes: {@code POST /faults/master-restart},
 * {@code /faults/agents/{id}/stop}, {@code /start}, {@code /replace} (answers the new agent's id),
 * {@code /faults/heartbeats/pause?seconds=N} and {@code /faults/tasks/{id}/crash}. Answers 200 when
 * applied, 404 for an unknown agent or task, 400 for a bad request.
 */
final class FaultsHandler implements HttpServer.Route {

  private static final Pattern AGENT = Pattern.compile("/faults/agents/([^/]+)/(stop|start|replace)");
  private static final Pattern TASK = Pattern.compile("/faults/tasks/([^/]+)/crash");
  private static final Pattern SECONDS = Pattern.compile("(?:^|&)seconds=([0-9.]+)(?:&|$)");

  private final Faults faults;

  FaultsHandler(Faults faults) {
    this.faults = faults;
  }

  @Override
  public void handle(Exchange exchange) {
    if (!exchange.method().equals("POST")) {
      exchange.respond(405, "text/plain; charset=utf-8", "Fault injection takes POST".getBytes(StandardCharsets.UTF_8),
          Map.of("Allow", "POST"));
      return;
    }
    String path = exchange.path();
    try {
      Matcher agent = AGENT.matcher(path);
      Matcher task = TASK.matcher(path);
      if (path.equals("/faults/master-restart")) {
        faults.masterRestart();
      } else if (agent.matches()) {
        String id = decode(agent.group(1));
        switch (agent.group(2)) {
          case "stop" -> faults.stopAgent(id);
          case "start" -> faults.startAgent(id);
          default -> {
            exchange.json(200, "{\"applied\":true,\"agent_id\":\"" + faults.replaceAgent(id) + "\"}");
            return;
          }
        }
      } else if (path.equals("/faults/heartbeats/pause")) {
        String query = exchange.rawQuery();
        Matcher seconds = SECONDS.matcher(query == null ? "" : query);
        if (!seconds.find()) {
          exchange.respond(400, "Say how long to pause, e.g. /faults/heartbeats/pause?seconds=30");
          return;
        }
        faults.pauseHeartbeats(Duration.ofMillis((long) (Double.parseDouble(seconds.group(1)) * 1000)));
      } else if (task.matches()) {
        faults.crashTask(decode(task.group(1)));
      } else {
        exchange.respond(404, "No such fault: " + path);
        return;
      }
      exchange.json(200, "{\"applied\":true}");
    } catch (IllegalArgumentException e) {
      exchange.respond(404, e.getMessage());
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
