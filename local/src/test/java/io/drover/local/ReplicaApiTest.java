package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicaApiTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;
  private String address;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/leader", e -> answer(e, 200, "{\"leading\":true}"));
    server.createContext("/v1/services", e -> answer(e, 307, ""));
    server.createContext("/metrics", e -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      answer(e, 200, "late");
    });
    server.setExecutor(handlers);
    server.start();
    address = "127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  @Test
  void answersTheBodyOfA200() throws InterruptedException {
    assertThat(new ReplicaApi(Duration.ofSeconds(5)).get(address, "/v1/leader")).contains("{\"leading\":true}");
  }

  @Test
  void answersEmptyForAnotherStatus() throws InterruptedException {
    assertThat(new ReplicaApi(Duration.ofSeconds(5)).get(address, "/v1/services")).isEmpty();
  }

  @Test
  void answersEmptyWhenTheReplicaIsLate() throws InterruptedException {
    assertThat(new ReplicaApi(Duration.ofMillis(300)).get(address, "/metrics")).isEmpty();
  }

  @Test
  void answersEmptyWhenNothingListens() throws IOException, InterruptedException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThat(new ReplicaApi(Duration.ofSeconds(5)).get("127.0.0.1:" + closed, "/v1/leader")).isEmpty();
  }

  private static void answer(HttpExchange e, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    e.getResponseBody().write(bytes);
    e.close();
  }
}
