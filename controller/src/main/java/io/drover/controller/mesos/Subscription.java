package io.drover.controller.mesos;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One live event stream. Any thread may {@link #abort} it (watchdog, leader change, errors,
 * close): the body is closed, which ends the reader's blocking read, and the first reason given
 * is what the reader reports.
 */
final class Subscription {

  private final long generation;
  private final OpenedStream stream;
  private final AtomicReference<String> abortReason = new AtomicReference<>();
  private volatile long lastActivityMillis;

  Subscription(long generation, OpenedStream stream, long nowMillis) {
    this.generation = generation;
    this.stream = stream;
    this.lastActivityMillis = nowMillis;
  }

  long generation() {
    return generation;
  }

  URI origin() {
    return stream.origin();
  }

  URI endpoint() {
    return stream.endpoint();
  }

  String streamId() {
    return stream.streamId();
  }

  InputStream body() {
    return stream.body();
  }

  /** Called by the reader for every record received: the stream is alive. */
  void touch(long nowMillis) {
    lastActivityMillis = nowMillis;
  }

  long lastActivityMillis() {
    return lastActivityMillis;
  }

  /** The reason of the first {@link #abort}, or null when nobody aborted it. */
  String abortReason() {
    return abortReason.get();
  }

  void abort(String reason) {
    if (abortReason.compareAndSet(null, reason)) {
      try {
        stream.body().close();
      } catch (IOException e) {
        // Closing is best effort; the reader ends on the next failed read anyway.
      }
    }
  }

  @Override
  public String toString() {
    return "subscription #" + generation + " to " + stream.endpoint();
  }
}
