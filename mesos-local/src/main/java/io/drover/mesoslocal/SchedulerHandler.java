package io.drover.mesoslocal;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * {@code POST /api/v1/scheduler}, answering as {@code Master::Http::scheduler} does: 405 for other
 * methods, 400 without a Content-Type or with a body that is not a valid Call, 415 for other content
 * types; for SUBSCRIBE 406 when the Accept header allows neither encoding, 400 with a
 * {@code Mesos-Stream-Id}, else 200 and a RecordIO event stream; other calls go to the master loop,
 * which answers them. Runs on the connection's I/O thread and never blocks it.
 */
final class SchedulerHandler implements HttpServer.InlineRoute {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final CompletableFuture<Void> ANSWERED = CompletableFuture.completedFuture(null);

  private final MasterLoop loop;
  private final Master master;

  SchedulerHandler(MasterLoop loop, Master master) {
    this.loop = loop;
    this.master = master;
  }

  @Override
  public CompletableFuture<?> handle(Exchange exchange) {
    try {
      String path = exchange.path();
      if (!path.equals("/api/v1/scheduler") && !path.equals("/master/api/v1/scheduler")) {
        exchange.respond(404, "No such endpoint: " + path);
        return ANSWERED;
      }
      if (!exchange.method().equals("POST")) {
        exchange.respond(405, "text/plain; charset=utf-8", ("405 Method Not Allowed. Expecting one of { 'POST' }, but received '"
            + exchange.method() + "'.").getBytes(StandardCharsets.UTF_8), Map.of("Allow", "POST"));
        return ANSWERED;
      }
      String contentType = exchange.header("Content-Type");
      if (contentType == null) {
        exchange.respond(400, "Expecting 'Content-Type' to be present");
        return ANSWERED;
      }
      MediaType type = MediaType.ofContentType(contentType);
      if (type == null) {
        exchange.respond(415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
        return ANSWERED;
      }
      Call call;
      try {
        call = type.decode(exchange.body(), Call.newBuilder()).build();
      } catch (InvalidProtocolBufferException e) {
        exchange.respond(400, e.getMessage());
        return ANSWERED;
      }
      String error = CallValidation.validate(call);
      if (error != null) {
        exchange.respond(400, "Failed to validate scheduler::Call: " + error);
        return ANSWERED;
      }
      if (call.getType() == Call.Type.SUBSCRIBE) {
        subscribe(exchange, call);
        return ANSWERED;
      }
      String streamId = exchange.header("Mesos-Stream-Id");
      return loop.call(() -> master.handle(call, streamId))
          .orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .handle((result, failure) -> {
            if (failure == null) {
              exchange.respond(result.status(), result.body());
            } else {
              unavailable(exchange, failure instanceof TimeoutException
                  ? "the mesos-local master did not answer within " + CALL_TIMEOUT
                  : (failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure)
                      .getMessage());
            }
            return null;
          });
    } catch (RuntimeException e) {
      unavailable(exchange, e.getMessage());
      return ANSWERED;
    }
  }

  private static void unavailable(Exchange exchange, String why) {
    exchange.respondIfNot(503, "mesos-local could not handle the call: " + why);
  }

  private void subscribe(Exchange exchange, Call call) {
    MediaType accept = MediaType.ofAccept(exchange.header("Accept"));
    if (accept == null) {
      exchange.respond(406, "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'");
      return;
    }
    if (exchange.hasHeader("Mesos-Stream-Id")) {
      exchange.respond(400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
      return;
    }
    String streamId = UUID.randomUUID().toString();
    Exchange.Stream body = exchange.stream(accept.value(), Map.of("Mesos-Stream-Id", streamId));
    EventStream stream = new EventStream(streamId, accept, body);
    loop.execute(() -> master.subscribe(stream, call.getSubscribe()));
    // After the subscription is queued, so a connection closed at once still disconnects the framework.
    body.onClosed(() -> loop.execute(() -> master.streamBroken(stream)));
  }
}
