package io.drover.mesoslocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * The read-only master endpoints: {@code /state} (also {@code /master/state} and the {@code .json}
 * forms) in the shape of Mesos's own, {@code /redirect} (307 to the leader, which is always this
 * master) and {@code /health}.
 */
final class InfoHandler implements HttpHandler {

  private static final Set<String> STATE = Set.of("/state", "/state.json", "/master/state", "/master/state.json");
  private static final Set<String> REDIRECT = Set.of("/redirect", "/master/redirect");
  private static final Set<String> HEALTH = Set.of("/health", "/master/health");

  private final MasterLoop loop;
  private final Master master;
  private final String leaderAddress;

  InfoHandler(MasterLoop loop, Master master, String leaderAddress) {
    this.loop = loop;
    this.master = master;
    this.leaderAddress = leaderAddress;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try {
      if (STATE.contains(path)) {
        var state = loop.await(() -> StateView.json(master.state(), master.allocator()), Duration.ofSeconds(30));
        Http.json(exchange, 200, JsonWriter.write(state));
      } else if (REDIRECT.contains(path)) {
        exchange.getResponseHeaders().set("Location", "//" + leaderAddress);
        Http.respond(exchange, 307, "");
      } else if (HEALTH.contains(path)) {
        Http.respond(exchange, 200, "");
      } else {
        Http.respond(exchange, 404, "No such endpoint: " + path);
      }
    } catch (RuntimeException e) {
      Http.respond(exchange, 503, "mesos-local could not answer: " + e.getMessage());
    }
  }
}
