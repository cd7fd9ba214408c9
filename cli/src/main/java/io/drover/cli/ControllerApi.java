package io.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.controller.security.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sends an operator action to a controller replica's HTTP API ({@code POST /v1/services/...}), with
 * the API token when one is configured. A standby answers 307 with the leader's address; the
 * request then goes there, as {@code curl -L} would, a few times at most (leadership may move
 * while the request is on its way). A redirect from HTTPS to plain HTTP is not followed: the token
 * would cross the network in clear.
 */
final class ControllerApi {

  /** Redirects followed before giving up: each is a leader change seen on the way. */
  private static final int MAX_REDIRECTS = 3;
  /** The API answers within its own 10 s action timeout; this leaves room for the network. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the controller answered: the HTTP status and its message (the {@code error} field). */
  record Reply(int status, String message) {

    boolean accepted() {
      return status == 202;
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final URI base;
  private final Secret token;

  /**
   * @param base the replica's root, ending in {@code /}: {@code http://10.0.0.5:8080/}, or a
   *     proxy's path such as {@code https://proxy.example.com/drover/}
   * @param token the API token, or null when the controllers run without one
   */
  ControllerApi(URI base, Secret token) {
    this.base = base;
    this.token = token;
  }

  /** The replica requests go to first. */
  URI base() {
    return base;
  }

  /**
   * POSTs to {@code path}, relative to the base (e.g. {@code v1/services/web/...}), and returns
   * the final answer.
   *
   * @throws IOException when no replica answers, naming where it tried and what to check
   */
  Reply post(String path) throws IOException, InterruptedException {
    URI target = base.resolve(path);
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
          .POST(HttpRequest.BodyPublishers.noBody());
      if (token != null) {
        request.header("Authorization", "Bearer " + token.reveal());
      }
      HttpResponse<String> response = send(request.build(), target);
      String location = response.headers().firstValue("Location").orElse(null);
      if (response.statusCode() != 307 || location == null) {
        return new Reply(response.statusCode(), message(response.body()));
      }
      target = redirect(target, location);
    }
    throw new IOException("the controller replicas kept redirecting the request (" + target
        + "): leadership is changing; retry shortly");
  }

  /**
   * Where a redirect from {@code from} to {@code location} goes.
   *
   * @throws IOException when it would go from HTTPS to plain HTTP
   */
  static URI redirect(URI from, String location) throws IOException {
    URI next = from.resolve(location);
    if ("https".equals(from.getScheme()) && !"https".equals(next.getScheme())) {
      throw new IOException("the controller at " + from.getAuthority() + " redirected to the "
          + "leader at " + next.getAuthority() + " over plain HTTP, which would expose the "
          + "request and its token: pass --controller with an HTTPS address that reaches the "
          + "leader");
    }
    return next;
  }

  private HttpResponse<String> send(HttpRequest request, URI target)
      throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("cannot reach the controller at " + target.getAuthority()
          + ": check that it runs (or pass --controller URL)", e);
    } catch (HttpTimeoutException e) {
      throw new IOException("the controller at " + target.getAuthority() + " did not answer within "
          + REQUEST_TIMEOUT.toSeconds() + "s: check its log", e);
    }
  }

  private static String message(String body) {
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree != null && tree.hasNonNull("error")) {
        return tree.get("error").asText();
      }
    } catch (IOException e) {
      // Not JSON (a proxy's page): the body itself says what happened.
    }
    return body == null ? "" : body.strip();
  }
}
