package io.drover.mesoslocal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One HTTP request and its answer: either a complete response or a chunked stream that stays open.
 * The request is read in full before a route sees it. Answering is thread-safe and happens once.
 */
final class Exchange {

  private static final String TEXT = "text/plain; charset=utf-8";

  private final Channel channel;
  private final String method;
  private final String path;
  private final String rawQuery;
  private final HttpHeaders headers;
  private final byte[] body;
  private final AtomicBoolean answered = new AtomicBoolean();

  private Exchange(Channel channel, String method, String path, String rawQuery, HttpHeaders headers, byte[] body) {
    this.channel = channel;
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
  }

  /** Copies what a route needs out of Netty's request, which is released after this returns. */
  static Exchange of(Channel channel, FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String query = uri.rawQuery();
    return new Exchange(channel, request.method().name(), uri.rawPath(), query.isEmpty() ? null : query,
        request.headers().copy(), ByteBufUtil.getBytes(request.content()));
  }

  String method() {
    return method;
  }

  /** The path as sent, not percent-decoded. */
  String path() {
    return path;
  }

  /** The query string as sent, or null. */
  String rawQuery() {
    return rawQuery;
  }

  /** The first value of a request header (names are case-insensitive), or null. */
  String header(String name) {
    return headers.get(name);
  }

  boolean hasHeader(String name) {
    return headers.contains(name);
  }

  byte[] body() {
    return body;
  }

  /** A plain-text answer; an empty body sends no Content-Type, as Mesos's empty answers do. */
  void respond(int status, String text) {
    respond(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  void json(int status, String json) {
    respond(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /**
   * 200 with the JSON, or, when the query has {@code jsonp=<callback>} (as Mesos's web UI asks),
   * with {@code <callback>(<json>)} as {@code text/javascript}, as libprocess's {@code OK} answers.
   */
  void okJson(String json) {
    List<String> jsonp = rawQuery == null ? null : new QueryStringDecoder(rawQuery, false).parameters().get("jsonp");
    if (jsonp == null || jsonp.isEmpty()) {
      json(200, json);
    } else {
      respond(200, "text/javascript", (jsonp.get(0) + "(" + json + ")").getBytes(StandardCharsets.UTF_8), Map.of());
    }
  }

  void respond(int status, String contentType, byte[] content, Map<String, String> extraHeaders) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException(method + " " + path + " was answered already");
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(content));
    if (content.length > 0) {
      response.headers().set("Content-Type", contentType);
    }
    extraHeaders.forEach(response.headers()::set);
    HttpUtil.setContentLength(response, content.length);
    channel.writeAndFlush(response);
  }

  /** Answers unless something answered already (for failures after a route started answering). */
  void respondIfNot(int status, String text) {
    if (!answered.get()) {
      try {
        respond(status, text);
      } catch (IllegalStateException e) {
        // Answered concurrently: nothing left to say.
      }
    }
  }

  /** Answers 200 with a chunked body that stays open. */
  Stream stream(String contentType, Map<String, String> extraHeaders) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException(method + " " + path + " was answered already");
    }
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set("Content-Type", contentType);
    extraHeaders.forEach(response.headers()::set);
    HttpUtil.setTransferEncodingChunked(response, true);
    channel.writeAndFlush(response);
    return new Stream(channel);
  }

  /**
   * An open chunked response. Writes are queued in order and never block the caller; what is queued
   * when the I/O thread gets to it goes out in one flush (a burst of events costs one write call).
   */
  static final class Stream {

    private final Channel channel;
    private final Queue<Supplier<byte[]>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private Stream(Channel channel) {
      this.channel = channel;
    }

    /** Writes one chunk, produced on the connection's I/O thread (so encoding costs the caller nothing). */
    void write(Supplier<byte[]> chunk) {
      pending.add(chunk);
      if (drainScheduled.compareAndSet(false, true)) {
        onIoThread(this::drain);
      }
    }

    /** Ends the response after what was written and closes the connection. */
    void end() {
      onIoThread(() -> {
        drain();
        if (channel.isActive()) {
          channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> channel.close());
        }
      });
    }

    /** On the I/O thread: writes every queued chunk, then flushes once. */
    private void drain() {
      // Cleared first: a chunk queued while this runs schedules the next drain.
      drainScheduled.set(false);
      if (!channel.isActive()) {
        pending.clear();
        return;
      }
      boolean wrote = false;
      for (Supplier<byte[]> chunk = pending.poll(); chunk != null; chunk = pending.poll()) {
        channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.get())));
        wrote = true;
      }
      if (wrote) {
        channel.flush();
      }
    }

    private void onIoThread(Runnable work) {
      try {
        channel.eventLoop().execute(work);
      } catch (RejectedExecutionException e) {
        // The server is shutting down and closes the connection itself.
      }
    }

    /**
     * Runs {@code onClosed} once, on an I/O thread, when the connection closes, whoever closed it;
     * at once if it is closed already.
     */
    void onClosed(Runnable onClosed) {
      channel.closeFuture().addListener(f -> onClosed.run());
    }
  }
}
