package io.drover.mesoslocal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every agent's own HTTP server, one per agent slot on 127.0.0.1, on the master server's threads:
 * real agents listen on their own port ({@code slaves[].pid} in the master's {@code /state}). A
 * stopped agent stops listening; started again, it listens on the same port. Thread-safe.
 */
final class AgentEndpoints implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentEndpoints.class);

  private final HttpServer master;
  /** The listening server of each slot; guarded by this. */
  private final Map<Integer, HttpServer> servers = new HashMap<>();
  /** Makes the routes of a slot's server; null until the master runs. Guarded by this. */
  private IntFunction<HttpServer.Route> routes;

  AgentEndpoints(HttpServer master) {
    this.master = master;
  }

  /**
   * Listens for {@code slot} on {@code port} and returns the port; 0 picks a free one, and so does a
   * taken {@code port} unless {@code exact}. A slot already listening keeps its port.
   */
  synchronized int listen(int slot, int port, boolean exact) throws IOException {
    HttpServer open = servers.get(slot);
    if (open != null) {
      return open.port();
    }
    HttpServer server;
    try {
      server = master.sibling().start(port);
    } catch (IOException e) {
      if (exact || port == 0) {
        throw new IOException("Agent " + slot + " cannot listen: " + e.getMessage(), e);
      }
      log.warn("agent {} cannot listen on its port {} again ({}); it listens on another one", slot, port,
          e.getMessage());
      server = master.sibling().start(0);
    }
    if (routes != null) {
      server.route("/", routes.apply(slot));
    }
    servers.put(slot, server);
    return server.port();
  }

  /** Serves every slot's requests with the routes {@code routes} makes for it, from now on. */
  synchronized void serve(IntFunction<HttpServer.Route> routes) {
    this.routes = routes;
    servers.forEach((slot, server) -> server.route("/", routes.apply(slot)));
  }

  /** Stops listening for {@code slot} and closes its connections. */
  synchronized void stop(int slot) {
    HttpServer server = servers.remove(slot);
    if (server != null) {
      server.close();
    }
  }

  @Override
  public synchronized void close() {
    servers.values().forEach(HttpServer::close);
    servers.clear();
  }
}
