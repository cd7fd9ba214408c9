package io.drover.mesoslocal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * {@code POST /api/v1/scheduler}, answering as {@code Master::Http::scheduler} does: 405 for other
 * methods, 400 without a Content-Type or with a body that is not a valid Call, 415 for other content
 * types; for SUBSCRIBE 406 when the Accept header allows neither encoding, 400 with a
 * {@code Mesos-Stream-Id}, else 200 and a RecordIO event stream; other calls go to the master loop.
 */
final class SchedulerHandler implements HttpHandler {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final MasterLoop loop;
  private final Master master;

  SchedulerHandler(MasterLoop loop, Master master) {
    this.loop = loop;
    this.master = master;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/api/v1/scheduler") && !path.equals("/master/api/v1/scheduler")) {
        Http.respond(exchange, 404, "No such endpoint: " + path);
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        Http.respond(exchange, 405, "Expecting one of { 'POST' }, but received '" + exchange.getRequestMethod() + "'");
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null) {
        Http.respond(exchange, 400, "Expecting 'Content-Type' to be present");
        return;
      }
      MediaType type = MediaType.ofContentType(contentType);
      if (type == null) {
        Http.respond(exchange, 415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      Call call;
      try {
        call = type.decode(body, Call.newBuilder()).build();
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        Http.respond(exchange, 400, type == MediaType.PROTOBUF ? "Failed to parse body into Call protobuf"
            : "Failed to convert JSON into Call protobuf: " + e.getMessage());
        return;
      }
      String error = CallValidation.validate(call);
      if (error != null) {
        Http.respond(exchange, 400, "Failed to validate scheduler::Call: " + error);
        return;
      }
      if (call.getType() == Call.Type.SUBSCRIBE) {
        subscribe(exchange, call);
        return;
      }
      String streamId = exchange.getRequestHeaders().getFirst("Mesos-Stream-Id");
      CallResult result = loop.await(() -> master.handle(call, streamId), CALL_TIMEOUT);
      Http.respond(exchange, result.status(), result.body());
    } catch (RuntimeException e) {
      Http.respond(exchange, 503, "mesos-local could not handle the call: " + e.getMessage());
    }
  }

  private void subscribe(HttpExchange exchange, Call call) throws IOException {
    MediaType accept = MediaType.ofAccept(exchange.getRequestHeaders().getFirst("Accept"));
    if (accept == null) {
      Http.respond(exchange, 406, "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'");
      return;
    }
    if (exchange.getRequestHeaders().containsKey("Mesos-Stream-Id")) {
      Http.respond(exchange, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
      return;
    }
    String streamId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("Content-Type", accept.value());
    exchange.getResponseHeaders().set("Mesos-Stream-Id", streamId);
    exchange.sendResponseHeaders(200, 0);
    EventStream stream = new EventStream(streamId, accept, exchange.getResponseBody(), exchange::close);
    stream.start(() -> loop.execute(() -> master.streamBroken(stream)));
    loop.execute(() -> master.subscribe(stream, call.getSubscribe()));
  }
}
