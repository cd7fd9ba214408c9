package io.drover.controller.mesos;

import static io.drover.controller.mesos.ClientHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A master newer than the 1.11 protos, played by a loopback stand-in (mesos-local cannot send
 * what its protos do not define): an update whose task state this client does not know is neither
 * passed on nor allowed to break the stream, and it is acknowledged so the agent sends the next.
 */
class FutureMasterTest {

  private static final ByteString UUID = ByteString.copyFrom(new byte[16]);

  private ClientHarness harness;
  private HttpServer master;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final CountDownLatch done = new CountDownLatch(1);
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    harness = new ClientHarness();
    master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    master.setExecutor(handlers);
    master.createContext("/api/v1/scheduler", this::handle);
    master.start();
  }

  @AfterEach
  void stop() throws Exception {
    done.countDown();
    harness.close();
    master.stop(0);
    handlers.shutdownNow();
    assertThat(handlers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Call call = Call.parseFrom(exchange.getRequestBody().readAllBytes());
    if (call.getType() != Call.Type.SUBSCRIBE) {
      calls.add(call);
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.getResponseHeaders().set("Mesos-Stream-Id", "stream-1");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      record(out, Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
          .setFrameworkId(FrameworkID.newBuilder().setValue("fw-future")).setHeartbeatIntervalSeconds(15)).build());
      TaskStatus unknownState = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t-future"))
          .setAgentId(AgentID.newBuilder().setValue("a1")).setUuid(UUID)
          .setUnknownFields(UnknownFieldSet.newBuilder()
              .addField(2, UnknownFieldSet.Field.newBuilder().addVarint(99).build()).build())
          .buildPartial();
      record(out, Event.newBuilder().setType(Event.Type.UPDATE)
          .setUpdate(Event.Update.newBuilder().setStatus(unknownState).buildPartial()).buildPartial());
      record(out, Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder()
          .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t-known"))
              .setState(TaskState.TASK_RUNNING))).build());
      done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void record(OutputStream out, Event event) throws IOException {
    byte[] bytes = event.toByteArray();
    out.write((bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  @Test
  void anUpdateWithAStateNewerThanTheProtosIsAcknowledgedAndNotPassedOn() {
    ClientHarness.Client c = harness.startedClient("http://127.0.0.1:" + master.getAddress().getPort(), b -> b);

    await().atMost(WAIT).until(() -> c.listener().sawState("t-known", TaskState.TASK_RUNNING));
    assertThat(c.listener().updates("t-future")).isEmpty();
    await().atMost(WAIT).until(() -> calls.stream().anyMatch(call -> call.getType() == Call.Type.ACKNOWLEDGE));
    assertThat(calls).filteredOn(call -> call.getType() == Call.Type.ACKNOWLEDGE).singleElement().satisfies(ack -> {
      assertThat(ack.getAcknowledge().getTaskId().getValue()).isEqualTo("t-future");
      assertThat(ack.getAcknowledge().getUuid()).isEqualTo(UUID);
    });
    assertThat(c.client().isSubscribed()).isTrue();
    assertThat(c.reconnects()).isZero();
  }
}
