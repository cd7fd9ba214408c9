package io.drover.controller.mesos;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * POSTs v1 scheduler calls with the right headers: media type, basic authentication when a secret
 * is configured (the header value is never logged), {@code Mesos-Stream-Id} on every call after
 * SUBSCRIBE, and a request timeout (which, for SUBSCRIBE, bounds the wait for the response
 * headers only; the event stream itself is unbounded). Never follows redirects itself.
 *
 * <p>A call other than SUBSCRIBE is sent with the client's blocking {@code send} on a thread of
 * {@code calls}, not with {@code sendAsync}: the JDK completes every {@code sendAsync} future on
 * {@code CompletableFuture}'s default executor, which starts a new thread per completion when the
 * common pool has one thread (two cores), one thread per call, thousands per launch.
 */
final class SchedulerHttp {

  static final String PATH = "/api/v1/scheduler";
  static final String STREAM_ID = "Mesos-Stream-Id";

  private final HttpClient client;
  private final Executor calls;
  private final Encoding encoding;
  private final Optional<String> authorization;
  private final Duration timeout;

  SchedulerHttp(HttpClient client, Executor calls, Encoding encoding, Optional<String> basicCredentials,
      Duration timeout) {
    this.client = client;
    this.calls = calls;
    this.encoding = encoding;
    this.authorization = basicCredentials.map(c ->
        "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)));
    this.timeout = timeout;
  }

  /** The scheduler endpoint of a master base URI. */
  static URI endpoint(URI master) {
    return master.resolve(PATH);
  }

  /** The SUBSCRIBE response: the event stream when the status is 200, else the error text. */
  record SubscribeBody(InputStream stream, String errorText) {}

  CompletableFuture<HttpResponse<SubscribeBody>> subscribe(URI endpoint, Call call) {
    return client.sendAsync(request(endpoint, call).build(), info -> info.statusCode() == 200
        ? BodySubscribers.mapping(BodySubscribers.ofInputStream(), in -> new SubscribeBody(in, null))
        : BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8),
            text -> new SubscribeBody(null, text)));
  }

  /**
   * Sends a call on a thread of the calls' executor; the future completes with Mesos's answer, or
   * fails (also when the executor was shut down).
   */
  CompletableFuture<HttpResponse<String>> call(URI endpoint, String streamId, Call call) {
    HttpRequest request = request(endpoint, call).header(STREAM_ID, streamId).build();
    try {
      return CompletableFuture.supplyAsync(() -> send(request), calls);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CompletionException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }

  private HttpRequest.Builder request(URI endpoint, Call call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", encoding.mediaType())
        .header("Accept", encoding.mediaType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(encoding.encode(call)));
    authorization.ifPresent(value -> request.header("Authorization", value));
    return request;
  }
}
