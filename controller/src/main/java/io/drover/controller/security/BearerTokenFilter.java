package io.drover.controller.security;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the HTTP API's mutating requests (any method but GET, HEAD and OPTIONS) with a bearer
 * token when one is configured: {@code Authorization: Bearer <token>}, compared in constant time.
 * Reads stay open, so health checks, {@code /metrics} scrapers and dashboards need no token.
 *
 * <p>A refusal is 401 with {@code WWW-Authenticate: Bearer} and a JSON error; it is logged with the
 * method, path and peer, never with what was sent. Without a token every request passes. Stateless
 * and thread-safe.
 */
public final class BearerTokenFilter extends Filter {
  private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String PREFIX = "Bearer ";

  private final Optional<Secret> token;

  private BearerTokenFilter(Optional<Secret> token) {
    this.token = token;
  }

  /** Requires {@code token} on mutating requests; lets everything through when empty. */
  public static BearerTokenFilter of(Optional<Secret> token) {
    return new BearerTokenFilter(token);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (token.isEmpty() || READS.contains(exchange.getRequestMethod())) {
      chain.doFilter(exchange);
      return;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        && token.get().matches(header.substring(PREFIX.length()).trim())) {
      chain.doFilter(exchange);
      return;
    }
    String problem = header == null ? "missing" : "not valid";
    LOG.warn("refused {} {} from {}: bearer token {}", exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(), exchange.getRemoteAddress(), problem);
    refuse(exchange, header == null
        ? "this request changes state and needs the API token: send 'Authorization: Bearer"
            + " <token>' with the token the controller runs with (--api-token-file)"
        : "the bearer token is not valid: send the token the controller runs with"
            + " (--api-token-file)");
  }

  @Override
  public String description() {
    return "bearer token on mutating requests";
  }

  private static void refuse(HttpExchange exchange, String message) throws IOException {
    byte[] body = ("{\"error\": \"" + message.replace("\"", "\\\"") + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"drover\"");
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(401, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
