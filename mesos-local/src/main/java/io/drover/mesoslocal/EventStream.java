package io.drover.mesoslocal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One SUBSCRIBE connection: a chunked HTTP response carrying RecordIO frames ({@code <length>\n<bytes>}).
 * The master sends events without blocking; they are encoded and written on the connection's I/O
 * thread, in order, so a slow scheduler never stalls the master. The master learns that the
 * scheduler closed the connection through the {@code onClosed} the handler gave the exchange.
 */
final class EventStream {

  private final String id;
  private final MediaType mediaType;
  private final Exchange.Stream body;
  private volatile boolean closed;

  EventStream(String id, MediaType mediaType, Exchange.Stream body) {
    this.id = id;
    this.mediaType = mediaType;
    this.body = body;
  }

  /** The {@code Mesos-Stream-Id} of this connection. */
  String id() {
    return id;
  }

  void send(Event event) {
    if (!closed) {
      body.write(() -> frame(event));
    }
  }

  /** Ends the response after what was sent and closes the connection. Idempotent. */
  void close() {
    if (!closed) {
      closed = true;
      body.end();
    }
  }

  private byte[] frame(Event event) {
    byte[] record = mediaType.encode(event);
    ByteArrayOutputStream out = new ByteArrayOutputStream(record.length + 8);
    out.writeBytes((record.length + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(record);
    return out.toByteArray();
  }
}
