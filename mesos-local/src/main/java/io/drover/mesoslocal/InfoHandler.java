package io.drover.mesoslocal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The read-only master endpoints: {@code /state} (also {@code /master/state} and the {@code .json}
 * forms), {@code /slaves} (with each agent's {@code reserved_resources_full}), {@code /frameworks} and
 * {@code /tasks} in the shape of Mesos's own, {@code /redirect} (307 to the leader, which is always this
 * master) and {@code /health}.
 */
final class InfoHandler implements HttpServer.Route {

  private static final Set<String> STATE = Set.of("/state", "/state.json", "/master/state", "/master/state.json");
  private static final Set<String> SLAVES = Set.of("/slaves", "/master/slaves");
  private static final Set<String> FRAMEWORKS = Set.of("/frameworks", "/master/frameworks");
  private static final Set<String> TASKS = Set.of("/tasks", "/master/tasks", "/tasks.json", "/master/tasks.json");
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
  public void handle(Exchange exchange) {
    String path = exchange.path();
    try {
      if (STATE.contains(path)) {
        var state = loop.await(() -> StateView.json(master.state(), master.allocator()), Duration.ofSeconds(30));
        exchange.okJson(JsonWriter.write(state));
      } else if (SLAVES.contains(path)) {
        var slaves = loop.await(() -> StateView.slaves(master.state(), master.allocator()), Duration.ofSeconds(30));
        exchange.okJson(JsonWriter.write(slaves));
      } else if (FRAMEWORKS.contains(path)) {
        var frameworks = loop.await(() -> MasterListsView.frameworks(master.state(), exchange.rawQuery()),
            Duration.ofSeconds(30));
        exchange.okJson(JsonWriter.write(frameworks));
      } else if (TASKS.contains(path)) {
        var tasks = loop.await(() -> MasterListsView.tasks(master.state(), exchange.rawQuery()), Duration.ofSeconds(30));
        exchange.okJson(JsonWriter.write(tasks));
      } else if (REDIRECT.contains(path)) {
        exchange.respond(307, "", new byte[0], Map.of("Location", "//" + leaderAddress));
      } else if (HEALTH.contains(path)) {
        exchange.respond(200, "");
      } else {
        exchange.respond(404, "No such endpoint: " + path);
      }
    } catch (RuntimeException e) {
      exchange.respondIfNot(503, "mesos-local could not answer: " + e.getMessage());
    }
  }
}
