package io.drover.controller.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The body of a subscription's reader thread: RecordIO-decodes the stream and queues each event
 * for the dispatch thread. Before queueing an event it takes a permit from a bounded pool that the
 * dispatch thread returns once the listener handled it, so a burst blocks this thread (and
 * through TCP, the master) instead of growing memory or dropping events. Always ends by queueing
 * {@link StreamItem.Ended}.
 */
final class StreamReader implements Runnable {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final Subscription subscription;
  private final Encoding encoding;
  private final int maxRecordBytes;
  private final Semaphore eventPermits;
  private final BlockingQueue<StreamItem> queue;
  private final Clock clock;
  private final ClientMetrics metrics;

  StreamReader(Subscription subscription, Encoding encoding, int maxRecordBytes,
      Semaphore eventPermits, BlockingQueue<StreamItem> queue, Clock clock, ClientMetrics metrics) {
    this.subscription = subscription;
    this.encoding = encoding;
    this.maxRecordBytes = maxRecordBytes;
    this.eventPermits = eventPermits;
    this.queue = queue;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    String reason;
    try {
      reason = readToEnd();
    } catch (InvalidProtocolBufferException e) {
      reason = "undecodable event from the master: " + e.getMessage();
    } catch (IOException e) {
      reason = "event stream failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "event stream reader interrupted";
    }
    String aborted = subscription.abortReason();
    subscription.abort(reason); // closes the body on every path
    queue.add(new StreamItem.Ended(subscription, aborted != null ? aborted : reason));
  }

  private String readToEnd() throws IOException, InterruptedException {
    RecordIoDecoder decoder = new RecordIoDecoder(maxRecordBytes);
    byte[] buffer = new byte[BUFFER_BYTES];
    InputStream in = subscription.body();
    while (true) {
      int n = in.read(buffer);
      if (n < 0) {
        return decoder.atRecordBoundary()
            ? "the master closed the event stream"
            : "the event stream ended inside a record";
      }
      for (byte[] record : decoder.feed(buffer, 0, n)) {
        deliver(encoding.decode(record));
      }
    }
  }

  private void deliver(Event event) throws InterruptedException {
    long now = clock.millis();
    subscription.touch(now);
    metrics.eventReceived(event.getType());
    if (event.getType() == Event.Type.HEARTBEAT || event.getType() == Event.Type.SUBSCRIBED) {
      metrics.heartbeat(now);
    }
    eventPermits.acquire();
    queue.add(new StreamItem.Received(subscription, event));
  }
}
