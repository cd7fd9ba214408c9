package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What becomes of calls whose session ends, against a master stand-in on loopback that records
 * each call and holds the first one's answer until told.
 */
class CallSenderTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private HttpServer master;
  private ExecutorService calls;
  private final CountDownLatch answerFirst = new CountDownLatch(1);
  private final List<Call.Type> received = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private CallSender sender;
  private Session session;

  @BeforeEach
  void start() throws IOException {
    master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    master.setExecutor(Executors.newCachedThreadPool());
    master.createContext(SchedulerHttp.PATH, exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        received.add(Call.parseFrom(body.readAllBytes()).getType());
      }
      if (received.size() == 1) {
        hold(answerFirst);
      }
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    master.start();
    URI origin = URI.create("http://127.0.0.1:" + master.getAddress().getPort());
    calls = Executors.newCachedThreadPool();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(calls).build();
    sender = new CallSender(new SchedulerHttp(client, calls, Encoding.PROTOBUF, Optional.empty(), WAIT),
        new ClientMetrics(registry, Clock.systemUTC(), () -> 0));
    session = new Session(new Subscription(1, new OpenedStream(origin, SchedulerHttp.endpoint(origin), "stream-1",
        InputStream.nullInputStream()), 0), FrameworkID.newBuilder().setValue("framework-1").build());
  }

  @AfterEach
  void stop() {
    answerFirst.countDown();
    master.stop(0);
    calls.shutdownNow();
  }

  @Test
  void aCallStillWaitingForItsTurnWhenItsSessionEndsIsDroppedNotSent() {
    sender.activate(session);
    sender.revive(List.of("*"));
    await().atMost(WAIT).until(() -> received.size() == 1);
    // Ordered after the REVIVE, which the master has not answered yet.
    sender.kill(TaskID.newBuilder().setValue("task-1").build(), AgentID.newBuilder().setValue("agent-1").build());

    sender.deactivate();
    answerFirst.countDown();

    await().atMost(WAIT).until(() -> count(Call.Type.KILL, ClientMetrics.Outcome.DROPPED) == 1);
    assertThat(count(Call.Type.REVIVE, ClientMetrics.Outcome.ACCEPTED)).isEqualTo(1);
    assertThat(received).containsExactly(Call.Type.REVIVE);
  }

  @Test
  void aNewSessionsCallsGoOutWhileTheOldOnesAreDropped() {
    sender.activate(session);
    sender.revive(List.of("*"));
    await().atMost(WAIT).until(() -> received.size() == 1);
    sender.suppress(List.of("*")); // queued behind the REVIVE of the old session

    Session next = new Session(new Subscription(2, new OpenedStream(session.subscription().origin(),
        session.endpoint(), "stream-2", InputStream.nullInputStream()), 0), session.frameworkId());
    sender.activate(next);
    sender.reconcile(List.of());
    await().atMost(WAIT).until(() -> received.size() == 2);
    answerFirst.countDown();

    await().atMost(WAIT).until(() -> count(Call.Type.SUPPRESS, ClientMetrics.Outcome.DROPPED) == 1);
    assertThat(received).containsExactly(Call.Type.REVIVE, Call.Type.RECONCILE);
  }

  private double count(Call.Type type, ClientMetrics.Outcome outcome) {
    var counter = registry.find("drover.mesos.calls").tag("type", type.name()).tag("outcome", outcome.tag()).counter();
    return counter == null ? 0 : counter.count();
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
