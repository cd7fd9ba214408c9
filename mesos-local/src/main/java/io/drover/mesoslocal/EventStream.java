package io.drover.mesoslocal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SUBSCRIBE connection: a chunked HTTP response carrying RecordIO frames ({@code <length>\n<bytes>}).
 * The master enqueues events without blocking; a dedicated writer thread encodes and writes them, so
 * a slow scheduler never stalls the master. When a write fails (the scheduler went away) the stream
 * tells the master through {@code onBroken}, which runs on the writer thread and must only enqueue.
 */
final class EventStream {

  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private static final Object CLOSE = new Object();

  private final String id;
  private final MediaType mediaType;
  private final OutputStream body;
  private final Runnable closeExchange;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  EventStream(String id, MediaType mediaType, OutputStream body, Runnable closeExchange) {
    this.id = id;
    this.mediaType = mediaType;
    this.body = body;
    this.closeExchange = closeExchange;
  }

  /** The {@code Mesos-Stream-Id} of this connection. */
  String id() {
    return id;
  }

  /** Starts the writer thread; {@code onBroken} runs once if the connection fails. */
  void start(Runnable onBroken) {
    Thread writer = new Thread(() -> writeLoop(onBroken), "mesos-local-stream-" + id.substring(0, 8));
    writer.setDaemon(true);
    writer.start();
  }

  void send(Event event) {
    if (!closed) {
      queue.add(event);
    }
  }

  /** Writes what is queued, then ends the response. Idempotent. */
  void close() {
    if (!closed) {
      closed = true;
      queue.add(CLOSE);
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void writeLoop(Runnable onBroken) {
    try {
      while (true) {
        Object next = queue.take();
        if (next == CLOSE) {
          break;
        }
        byte[] record = mediaType.encode((Event) next);
        body.write((record.length + "\n").getBytes(StandardCharsets.US_ASCII));
        body.write(record);
        if (queue.isEmpty()) {
          body.flush();
        }
      }
    } catch (IOException e) {
      log.debug("event stream {} broke: {}", id, e.toString());
      closed = true;
      onBroken.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeExchange.run();
    }
  }
}
