package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.controller.time.ManualTimers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class StreamReaderTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ManualTimers timers = new ManualTimers();
  private final Clock clock = timers.clock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ClientMetrics metrics = new ClientMetrics(registry, clock, () -> 0);
  private final LinkedBlockingQueue<StreamItem> queue = new LinkedBlockingQueue<>();

  private static Event update(int n) {
    return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder()
        .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t" + n))
            .setState(TaskState.TASK_RUNNING))).build();
  }

  private static byte[] recordIo(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] record : records) {
      out.writeBytes((record.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(record);
    }
    return out.toByteArray();
  }

  private Thread read(byte[] stream, Semaphore permits, int maxRecordBytes) {
    Subscription subscription = new Subscription(1, new OpenedStream(URI.create("http://m:1"),
        URI.create("http://m:1/api/v1/scheduler"), "s", new ByteArrayInputStream(stream)), 0);
    Thread reader = new Thread(new StreamReader(subscription, Encoding.PROTOBUF, maxRecordBytes,
        permits, queue, clock, metrics), "test-reader");
    reader.start();
    return reader;
  }

  @Test
  void aBurstBlocksTheReaderInsteadOfGrowingOrDropping() throws Exception {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      records.add(update(i).toByteArray());
    }
    Semaphore permits = new Semaphore(3);
    Thread reader = read(recordIo(records), permits, 1024);

    await().atMost(WAIT).until(permits::hasQueuedThreads);
    assertThat(queue).hasSize(3);

    List<String> delivered = new ArrayList<>();
    StreamItem item;
    while (!((item = queue.poll(10, TimeUnit.SECONDS)) instanceof StreamItem.Ended)) {
      assertThat(queue.size()).isLessThanOrEqualTo(3);
      delivered.add(((StreamItem.Received) item).event().getUpdate().getStatus().getTaskId().getValue());
      permits.release();
    }
    assertThat(delivered).isEqualTo(IntStream.range(0, 50).mapToObj(i -> "t" + i).toList());
    assertThat(((StreamItem.Ended) item).reason()).isEqualTo("the master closed the event stream");
    assertThat(registry.get("drover.mesos.events").tag("type", "UPDATE").counter().count()).isEqualTo(50);
    reader.join(WAIT.toMillis());
  }

  @Test
  void anOversizedRecordEndsTheStreamWithTheReason() throws Exception {
    read(recordIo(List.of(new byte[2_000])), new Semaphore(10), 1_000);
    StreamItem item = queue.poll(10, TimeUnit.SECONDS);
    assertThat(((StreamItem.Ended) item).reason())
        .contains("RecordIO record of 2000 bytes exceeds the limit of 1000 bytes");
  }

  @Test
  void anUndecodableEventEndsTheStream() throws Exception {
    read(recordIo(List.of(new byte[] {(byte) 0xff, (byte) 0xff})), new Semaphore(10), 1_000);
    StreamItem item = queue.poll(10, TimeUnit.SECONDS);
    assertThat(((StreamItem.Ended) item).reason()).startsWith("undecodable event from the master");
  }

  @Test
  void aStreamCutInsideARecordSaysSo() throws Exception {
    byte[] whole = recordIo(List.of(update(1).toByteArray()));
    byte[] cut = Arrays.copyOf(whole, whole.length - 2);
    read(cut, new Semaphore(10), 1_000);
    StreamItem item = queue.poll(10, TimeUnit.SECONDS);
    assertThat(((StreamItem.Ended) item).reason()).isEqualTo("the event stream ended inside a record");
  }
}
