package io.drover.mesoslocal;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * {@code POST /api/v1/scheduler}, answering as {@code Master::Http::scheduler} does: 405 for other
 * methods, 400 without a Content-Type or with a body that is not a valid Call, 415 for other content
 * types; for SUBSCRIBE 406 when the Accept header allows neither encoding, 400 with a
 * {@code Mesos-Stream-Id}, else 200 and a RecordIO event stream; other calls go to the master loop.
 */
final class SchedulerHandler implements HttpServer.Route {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final MasterLoop loop;
  private final Master master;

  SchedulerHandler(MasterLoop loop, Master master) {
    this.loop = loop;
    this.master = master;
  }

  @Override
  public void handle(Exchange exchange) {
    try {
      String path = exchange.path();
      if (!path.equals("/api/v1/scheduler") && !path.equals("/master/api/v1/scheduler")) {
        exchange.respond(404, "No such endpoint: " + path);
        return;
      }
      if (!exchange.method().equals("POST")) {
        exchange.respond(405, "text/plain; charset=utf-8", ("405 Method Not Allowed. Expecting one of { 'POST' }, but received '"
            + exchange.method() + "'.").getBytes(StandardCharsets.UTF_8), Map.of("Allow", "POST"));
        return;
      }
      String contentType = exchange.header("Content-Type");
      if (contentType == null) {
        exchange.respond(400, "Expecting 'Content-Type' to be present");
        return;
      }
      MediaType type = MediaType.ofContentType(contentType);
      if (type == null) {
        exchange.respond(415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
        return;
      }
      Call call;
      try {
        call = type.decode(exchange.body(), Call.newBuilder()).build();
      } catch (InvalidProtocolBufferException e) {
        exchange.respond(400, e.getMessage());
        return;
      }
      String error = CallValidation.validate(call);
      if (error != null) {
        exchange.respond(400, "Failed to validate scheduler::Call: " + error);
        return;
      }
      if (call.getType() == Call.Type.SUBSCRIBE) {
        subscribe(exchange, call);
        return;
      }
      String streamId = exchange.header("Mesos-Stream-Id");
      CallResult result = loop.await(() -> master.handle(call, streamId), CALL_TIMEOUT);
      exchange.respond(result.status(), result.body());
    } catch (RuntimeException e) {
      exchange.respondIfNot(503, "mesos-local could not handle the call: " + e.getMessage());
    }
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
