package io.drover.mesoslocal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The endpoints of one agent, on its own port as a real agent serves them: {@code /state} (also
 * {@code /state.json} and {@code /slave(1)/state}), {@code /health} and the files API
 * ({@link FilesApi}). The agent is looked up at each request, so a replaced agent's successor at
 * the same address answers.
 */
final class AgentHandler implements HttpServer.Route {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Set<String> STATE = Set.of("/state", "/state.json", "/slave(1)/state", "/slave(1)/state.json");

  private final MasterLoop loop;
  private final Master master;
  private final Supplier<String> agentId;

  AgentHandler(MasterLoop loop, Master master, Supplier<String> agentId) {
    this.loop = loop;
    this.master = master;
    this.agentId = agentId;
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    String path = exchange.path();
    String id = agentId.get();
    try {
      if (STATE.contains(path)) {
        Map<String, Object> state = loop.await(() -> AgentStateView.json(master.state(), agent(id)), WAIT);
        exchange.okJson(JsonWriter.write(state));
      } else if (path.equals("/health")) {
        exchange.respond(200, "");
      } else if (path.startsWith("/files/")) {
        List<FilesApi.Attached> attached = loop.await(() -> AgentStateView.attached(agent(id)), WAIT);
        answer(exchange, files(new FilesApi(attached), path.substring("/files/".length()), exchange.rawQuery()));
      } else {
        exchange.respond(404, "");
      }
    } catch (RuntimeException e) {
      exchange.respondIfNot(503, "mesos-local could not answer: " + e.getMessage());
    }
  }

  private AgentRecord agent(String id) {
    AgentRecord agent = master.state().agents.get(id);
    if (agent == null) {
      throw new IllegalStateException("agent " + id + " is gone");
    }
    return agent;
  }

  private static FilesApi.Answer files(FilesApi files, String call, String query) throws IOException {
    return switch (call) {
      case "browse", "browse.json" -> files.browse(query);
      case "read", "read.json" -> files.read(query);
      case "download", "download.json" -> files.download(query);
      default -> FilesApi.Answer.text(404, "");
    };
  }

  private static void answer(Exchange exchange, FilesApi.Answer a) {
    if (a.contentType() == null) {
      exchange.respond(a.status(), "text/plain; charset=utf-8", a.body(), a.headers());
    } else {
      exchange.respond(a.status(), a.contentType(), a.body(), a.headers());
    }
  }
}
