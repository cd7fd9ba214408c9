package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.ZkFrameworkIdStore;
import io.drover.controller.time.ManualTimers;
import io.drover.reconcile.state.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifecycle rules and the reconnect backoff, driven by manual timers: no master is reachable. */
class SchedulerClientLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestingServer zk;
  private CuratorFramework curator;
  private final ManualTimers timers = new ManualTimers();
  private final Clock clock = timers.clock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private MesosSchedulerClient client;

  @BeforeEach
  void start() throws Exception {
    zk = new TestingServer(true);
    curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    curator.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    curator.close();
    zk.close();
  }

  private MesosSchedulerClient build(String master) {
    client = MesosSchedulerClient.builder()
        .master(master)
        .framework(FrameworkConfig.named("lifecycle"))
        .frameworkIdStore(new ZkFrameworkIdStore(ControllerWrites.unfenced(curator), "/drover"))
        .meterRegistry(registry)
        .clock(clock)
        .timers(timers)
        .random(() -> 0.0)
        .reconnectBackoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)))
        .build(new RecordingListener());
    return client;
  }

  private double reconnects() {
    return registry.get("drover.mesos.reconnects").counter().count();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void unreachableMastersAreRetriedWithGrowingBackoff() throws Exception {
    build("http://127.0.0.1:" + closedPort()).start();

    await().atMost(WAIT).until(() -> reconnects() == 1 && timers.pending() == 1);
    timers.advance(Duration.ofMillis(499)); // jitter 0.0: the first wait is half of 1 s
    assertThat(reconnects()).isEqualTo(1);
    timers.advance(Duration.ofMillis(1));
    await().atMost(WAIT).until(() -> reconnects() == 2 && timers.pending() == 1);
    timers.advance(Duration.ofMillis(999)); // then half of 2 s
    assertThat(reconnects()).isEqualTo(2);
    timers.advance(Duration.ofMillis(1));
    await().atMost(WAIT).until(() -> reconnects() == 3);

    assertThat(client.isSubscribed()).isFalse();
    client.calls().suppress(List.of());
    assertThat(registry.get("drover.mesos.calls").tags("type", "SUPPRESS", "outcome", "dropped")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void startsOnceAndClosesIdempotently() {
    MesosSchedulerClient c = build("http://127.0.0.1:1");
    c.close();
    assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("called once, before close()");
    c.close();
  }

  @Test
  void builderNamesWhatIsMissing() {
    assertThatThrownBy(() -> MesosSchedulerClient.builder().build(new RecordingListener()))
        .hasMessageContaining("no Mesos master");
    assertThatThrownBy(() -> MesosSchedulerClient.builder().master("http://m:5050")
            .build(new RecordingListener()))
        .hasMessageContaining("no framework configuration");
    assertThatThrownBy(() -> MesosSchedulerClient.builder().master("http://m:5050")
            .framework(FrameworkConfig.named("x")).build(new RecordingListener()))
        .hasMessageContaining("no framework id store");
  }
}
