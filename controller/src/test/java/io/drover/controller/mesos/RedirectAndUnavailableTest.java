package io.drover.controller.mesos;

import static io.drover.controller.mesos.ClientHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.drover.mesoslocal.MesosLocal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Non-leading masters (and the headers of SUBSCRIBE, seen by the stand-in): a loopback stand-in answers 503 (no leader yet) and then 307 with a
 * protocol-relative Location, as Mesos does, pointing at mesos-local (the real leader); the
 * first address of the list refuses connections. This stand-in is the only fake in the client's
 * tests: mesos-local is always its own leader.
 */
class RedirectAndUnavailableTest {

  private ClientHarness harness;
  private HttpServer standby;
  private final AtomicInteger standbyRequests = new AtomicInteger();
  private final List<Headers> standbyHeaders = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    harness = new ClientHarness();
  }

  @AfterEach
  void stop() throws Exception {
    if (standby != null) {
      standby.stop(0);
    }
    harness.close();
  }

  private void startStandby(int unavailableAnswers, URI leader) throws IOException {
    standby = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    standby.createContext("/api/v1/scheduler", exchange -> {
      exchange.getRequestBody().readAllBytes();
      standbyHeaders.add(exchange.getRequestHeaders());
      if (standbyRequests.incrementAndGet() <= unavailableAnswers) {
        byte[] body = "No leader elected".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(503, body.length);
        exchange.getResponseBody().write(body);
      } else {
        exchange.getResponseHeaders().set("Location",
            "//" + leader.getHost() + ":" + leader.getPort() + "/api/v1/scheduler");
        exchange.sendResponseHeaders(307, -1);
      }
      exchange.close();
    });
    standby.start();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void retries503FollowsTheRedirectAndThenTalksToTheLeaderDirectly() throws Exception {
    MesosLocal mesos = harness.mesos(b -> b);
    startStandby(2, URI.create(mesos.url()));
    String masters = "http://127.0.0.1:" + closedPort() + ",127.0.0.1:" + standby.getAddress().getPort();

    ClientHarness.Client c = harness.startedClient(masters,
        b -> b.framework(FrameworkConfig.named("drover-test").withPrincipal("drover", "s3cret")));

    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() == 1);
    assertThat(standbyRequests.get()).isEqualTo(3);
    assertThat(c.reconnects()).isEqualTo(2);
    assertThat(mesos.state().framework(c.listener().subscriptions.get(0).getValue())).isPresent();
    String basic = "Basic " + Base64.getEncoder().encodeToString("drover:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(standbyHeaders).allSatisfy(headers -> {
      assertThat(headers.getFirst("Authorization")).isEqualTo(basic);
      assertThat(headers.getFirst("Content-Type")).isEqualTo("application/x-protobuf");
      assertThat(headers.getFirst("Accept")).isEqualTo("application/x-protobuf");
      assertThat(headers.containsKey("Mesos-Stream-Id")).isFalse();
    });

    await().atMost(WAIT).until(() -> !c.listener().offers().isEmpty());
    Offer offer = c.listener().offers().get(0);
    c.client().calls().decline(List.of(offer.getId()), Filters.getDefaultInstance());
    await().atMost(WAIT).until(() -> c.calls("DECLINE", "accepted") == 1);
    assertThat(standbyRequests.get()).isEqualTo(3);
  }
}
