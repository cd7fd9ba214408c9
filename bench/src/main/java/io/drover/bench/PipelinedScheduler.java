package io.drover.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A minimal v1 HTTP scheduler, as Mesos's own scheduler library talks to a master: the SUBSCRIBE
 * stream on one connection, and every other call on a second keep-alive connection, pipelined
 * (each call is written at once, without waiting for the answers to earlier ones, and the master
 * answers them in order). Protobuf encoding. Events are handed to the listener on the stream's
 * reader thread, in order. A call Mesos does not accept (any answer but 202) fails the scheduler:
 * {@link #failure} says why.
 */
final class PipelinedScheduler implements AutoCloseable {

  private static final String PROTOBUF = "application/x-protobuf";

  private final URI master;
  private final Consumer<Event> listener;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final AtomicLong answered = new AtomicLong();
  private volatile InputStream stream;
  private volatile String streamId;
  private volatile FrameworkID frameworkId;
  private Socket calls;
  private OutputStream callsOut;

  PipelinedScheduler(URI master, Consumer<Event> listener) {
    this.master = master;
    this.listener = listener;
  }

  /** Subscribes, opens the call connection and starts reading events; returns once subscribed. */
  void start(FrameworkInfo framework, Duration timeout) throws IOException, InterruptedException {
    Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(framework)).build();
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(master.resolve("/api/v1/scheduler"))
        .timeout(timeout).header("Content-Type", PROTOBUF).header("Accept", PROTOBUF)
        .POST(HttpRequest.BodyPublishers.ofByteArray(subscribe.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      String text;
      try (InputStream in = response.body()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      throw new IOException("SUBSCRIBE answered " + response.statusCode() + ": " + text);
    }
    stream = response.body();
    streamId = response.headers().firstValue("Mesos-Stream-Id")
        .orElseThrow(() -> new IOException("SUBSCRIBE answered without a Mesos-Stream-Id"));
    calls = new Socket(master.getHost(), master.getPort());
    calls.setTcpNoDelay(true);
    callsOut = new BufferedOutputStream(calls.getOutputStream());
    daemon("raw-answers", this::readAnswers).start();
    daemon("raw-events", this::readEvents).start();
  }

  /** Sends a call (the framework id is added once known); never waits for its answer. */
  synchronized void send(Call.Builder call) {
    if (frameworkId == null) {
      throw new IllegalStateException("not subscribed yet: no framework id");
    }
    byte[] body = call.setFrameworkId(frameworkId).build().toByteArray();
    String head = "POST /api/v1/scheduler HTTP/1.1\r\nHost: " + master.getHost() + ":" + master.getPort()
        + "\r\nContent-Type: " + PROTOBUF + "\r\nMesos-Stream-Id: " + streamId
        + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    try {
      callsOut.write(head.getBytes(StandardCharsets.US_ASCII));
      callsOut.write(body);
      callsOut.flush();
    } catch (IOException e) {
      failure.compareAndSet(null, call.getType() + " could not be sent: " + e);
    }
  }

  /** Why the scheduler failed (a call refused, a connection lost), or null. */
  String failure() {
    return failure.get();
  }

  private void readEvents() {
    try (InputStream in = new BufferedInputStream(stream)) {
      for (byte[] record = record(in); record != null; record = record(in)) {
        Event event = Event.parseFrom(record);
        if (event.getType() == Event.Type.SUBSCRIBED) {
          frameworkId = event.getSubscribed().getFrameworkId();
        }
        listener.accept(event);
      }
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, "event stream failed: " + e);
    }
  }

  /** One RecordIO record ({@code <length>\n<bytes>}), or null at the end of the stream. */
  private static byte[] record(InputStream in) throws IOException {
    long length = 0;
    int c = in.read();
    if (c < 0) {
      return null;
    }
    for (; c != '\n'; c = in.read()) {
      if (c < '0' || c > '9') {
        throw new IOException("bad RecordIO length byte " + c);
      }
      length = length * 10 + (c - '0');
    }
    return in.readNBytes((int) length);
  }

  private void readAnswers() {
    try (InputStream in = new BufferedInputStream(calls.getInputStream())) {
      for (String status = line(in); status != null; status = line(in)) {
        int length = 0;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
          if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(header.substring("content-length:".length()).trim());
          }
        }
        byte[] body = in.readNBytes(length);
        if (!status.startsWith("HTTP/1.1 202")) {
          failure.compareAndSet(null, "a call was answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        answered.incrementAndGet();
      }
      failure.compareAndSet(null, "the master closed the call connection after " + answered.get() + " answers");
    } catch (IOException e) {
      if (!calls.isClosed()) {
        failure.compareAndSet(null, "call connection failed: " + e);
      }
    }
  }

  /** One CRLF-terminated line without its terminator, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return null;
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static Thread daemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    try {
      if (calls != null) {
        calls.close();
      }
    } finally {
      if (stream != null) {
        stream.close();
      }
    }
  }
}
