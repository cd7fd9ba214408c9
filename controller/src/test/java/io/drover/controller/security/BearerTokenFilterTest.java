package io.drover.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter in front of a real JDK HTTP server on loopback. */
class BearerTokenFilterTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private String start(Optional<Secret> token) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/v1/services", ex -> {
      try (ex) {
        byte[] body = ("done " + ex.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    }).getFilters().add(BearerTokenFilter.of(token));
    server.setExecutor(executor);
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/services/web/pods/web-0/restart";
  }

  private HttpResponse<String> send(String url, String method, String authorization)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mutatingRequestsNeedTheTokenAndReadsDoNot() throws Exception {
    String url = start(Optional.of(Secret.of("t0ken")));

    assertThat(send(url, "GET", null).body()).isEqualTo("done GET");
    HttpResponse<String> missing = send(url, "POST", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"drover\"");
    assertThat(missing.body()).contains("needs the API token: send 'Authorization: Bearer <token>'");
    HttpResponse<String> wrong = send(url, "POST", "Bearer t0ke");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("the bearer token is not valid");
    assertThat(send(url, "DELETE", "Basic dDBrZW4=").statusCode()).isEqualTo(401);
    HttpResponse<String> right = send(url, "POST", "Bearer t0ken");
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.body()).isEqualTo("done POST");
  }

  @Test
  void withoutATokenEverythingPasses() throws Exception {
    String url = start(Optional.empty());

    assertThat(send(url, "POST", null).body()).isEqualTo("done POST");
  }
}
