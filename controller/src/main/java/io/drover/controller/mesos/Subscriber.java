package io.drover.controller.mesos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Opens one subscription: tries the candidates in order, follows 307 redirects (Mesos sends a
 * protocol-relative {@code Location}) up to a bound, and moves to the next candidate on 503 (no
 * leader yet), on other refusals and on network errors. Fails, naming what every candidate said,
 * when none answers 200; the caller backs off and tries again. Never blocks a thread.
 */
final class Subscriber {

  static final int MAX_REDIRECTS = 5;
  private static final int MAX_ERROR_TEXT = 300;

  private final SchedulerHttp http;

  Subscriber(SchedulerHttp http) {
    this.http = http;
  }

  /** Why no candidate accepted the SUBSCRIBE. */
  static final class SubscribeFailedException extends IOException {
    SubscribeFailedException(String message) {
      super(message);
    }
  }

  CompletableFuture<OpenedStream> open(List<URI> candidates, Call subscribe) {
    return tryCandidate(candidates, 0, subscribe, new ArrayList<>());
  }

  private CompletableFuture<OpenedStream> tryCandidate(
      List<URI> candidates, int index, Call subscribe, List<String> failures) {
    if (index == candidates.size()) {
      return CompletableFuture.failedFuture(new SubscribeFailedException(
          "no Mesos master accepted SUBSCRIBE: " + String.join("; ", failures)));
    }
    URI origin = candidates.get(index);
    return follow(origin, SchedulerHttp.endpoint(origin), subscribe, 0)
        .handle((opened, error) -> {
          if (error == null) {
            return CompletableFuture.completedFuture(opened);
          }
          failures.add(origin + ": " + describe(error));
          return tryCandidate(candidates, index + 1, subscribe, failures);
        })
        .thenCompose(future -> future);
  }

  private CompletableFuture<OpenedStream> follow(URI origin, URI endpoint, Call subscribe, int hops) {
    return http.subscribe(endpoint, subscribe).thenCompose(response -> {
      int status = response.statusCode();
      if (status == 200) {
        return opened(origin, endpoint, response);
      }
      if (status == 307) {
        return redirect(origin, endpoint, subscribe, hops, response);
      }
      return CompletableFuture.failedFuture(new SubscribeFailedException(refusal(endpoint, response)));
    });
  }

  private static CompletableFuture<OpenedStream> opened(
      URI origin, URI endpoint, HttpResponse<SchedulerHttp.SubscribeBody> response) {
    var streamId = response.headers().firstValue(SchedulerHttp.STREAM_ID);
    if (streamId.isEmpty()) {
      closeQuietly(response.body());
      return CompletableFuture.failedFuture(new SubscribeFailedException(
          endpoint + " answered 200 without a " + SchedulerHttp.STREAM_ID + " header; is it a Mesos master?"));
    }
    return CompletableFuture.completedFuture(
        new OpenedStream(origin, endpoint, streamId.get(), response.body().stream()));
  }

  private CompletableFuture<OpenedStream> redirect(URI origin, URI endpoint, Call subscribe, int hops,
      HttpResponse<SchedulerHttp.SubscribeBody> response) {
    var location = response.headers().firstValue("Location");
    if (location.isEmpty()) {
      return CompletableFuture.failedFuture(
          new SubscribeFailedException(endpoint + " answered 307 without a Location"));
    }
    if (hops >= MAX_REDIRECTS) {
      return CompletableFuture.failedFuture(new SubscribeFailedException(
          "more than " + MAX_REDIRECTS + " redirects, last to " + location.get()));
    }
    URI next;
    try {
      // Mesos sends "//host:port/api/v1/scheduler": resolving keeps the scheme we used.
      next = endpoint.resolve(location.get());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new SubscribeFailedException(
          endpoint + " redirected to an invalid Location '" + location.get() + "'"));
    }
    if (next.getPath() == null || next.getPath().isEmpty() || next.getPath().equals("/")) {
      next = SchedulerHttp.endpoint(next);
    }
    return follow(origin, next, subscribe, hops + 1);
  }

  private static String refusal(URI endpoint, HttpResponse<SchedulerHttp.SubscribeBody> response) {
    int status = response.statusCode();
    String text = response.body().errorText() == null ? "" : response.body().errorText().strip();
    if (text.length() > MAX_ERROR_TEXT) {
      text = text.substring(0, MAX_ERROR_TEXT) + "...";
    }
    String hint = switch (status) {
      case 503 -> " (no leading master elected yet)";
      case 401 -> " (check the framework principal and secret)";
      case 403 -> " (the principal is not authorized for these roles)";
      default -> "";
    };
    return endpoint + " answered " + status + hint + (text.isEmpty() ? "" : ": " + text);
  }

  static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (cause instanceof SubscribeFailedException) {
      return message;
    }
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void closeQuietly(SchedulerHttp.SubscribeBody body) {
    try {
      body.stream().close();
    } catch (IOException e) {
      // The stream is being discarded either way.
    }
  }
}
