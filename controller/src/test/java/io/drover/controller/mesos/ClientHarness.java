package io.drover.controller.mesos;

import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.ZkFrameworkIdStore;
import io.drover.mesoslocal.MesosLocal;
import io.drover.mesoslocal.MesosLocalBuilder;
import io.drover.reconcile.state.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper, mesos-local clusters and clients with test-sized timings, all closed in
 * reverse order of creation.
 */
final class ClientHarness implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(30);

  final TestingServer zk;
  final CuratorFramework curator;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** One client under test, its listener and its meters. */
  record Client(MesosSchedulerClient client, RecordingListener listener, MeterRegistry registry) {
    double calls(String type, String outcome) {
      Counter counter = registry.find("drover.mesos.calls").tags("type", type, "outcome", outcome).counter();
      return counter == null ? 0 : counter.count();
    }

    double events(String type) {
      Counter counter = registry.find("drover.mesos.events").tags("type", type).counter();
      return counter == null ? 0 : counter.count();
    }

    double reconnects() {
      return registry.get("drover.mesos.reconnects").counter().count();
    }
  }

  ClientHarness() throws Exception {
    zk = new TestingServer(true);
    resources.push(zk);
    curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    curator.start();
    resources.push(curator);
  }

  String zkUrl(String path) {
    return "zk://" + zk.getConnectString() + path;
  }

  MesosLocal mesos(UnaryOperator<MesosLocalBuilder> customize) {
    MesosLocal cluster = customize.apply(MesosLocal.builder()
            .agents(1)
            .heartbeatInterval(Duration.ofMillis(500))
            .allocationInterval(Duration.ofMillis(100))
            .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(1)))
        .start();
    resources.push(cluster);
    return cluster;
  }

  Client client(String master, UnaryOperator<SchedulerClientBuilder> customize) {
    return client(master, customize, UnaryOperator.identity());
  }

  /** A client whose events reach its recording listener through {@code events} (fault injection). */
  Client client(String master, UnaryOperator<SchedulerClientBuilder> customize, UnaryOperator<SchedulerEventListener> events) {
    RecordingListener listener = new RecordingListener();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MesosSchedulerClient client = customize.apply(MesosSchedulerClient.builder()
            .master(master)
            .framework(FrameworkConfig.named("drover-test"))
            .frameworkIdStore(new ZkFrameworkIdStore(ControllerWrites.unfenced(curator), "/drover"))
            .knownTasks(listener)
            .meterRegistry(registry)
            .requestTimeout(Duration.ofSeconds(5))
            .reconnectBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
            .reconciliationBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1))))
        .build(events.apply(listener));
    listener.acknowledgeWith(client::calls);
    resources.push(client);
    return new Client(client, listener, registry);
  }

  Client startedClient(String master, UnaryOperator<SchedulerClientBuilder> customize) {
    Client client = client(master, customize);
    client.client().start();
    return client;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
