package io.drover.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a controller replica's HTTP API ({@code /v1/leader}, {@code /metrics}, {@code
 * /v1/services}) for the bench and the chaos monitor, which poll replicas that may be down at any
 * moment: a replica that does not answer 200 within the timeout answers empty.
 */
public final class ReplicaApi {

  private final Duration timeout;
  private final HttpClient http;

  /** @param timeout bounds both connecting and the whole answer */
  public ReplicaApi(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  /**
   * The body of {@code GET http://address/path} when it answers 200; empty when it answers
   * another status, cannot be reached or times out.
   */
  public Optional<String> get(String address, String path) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + path))
        .timeout(timeout).GET().build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
