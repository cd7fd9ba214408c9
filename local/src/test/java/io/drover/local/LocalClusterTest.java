package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.controller.app.Controller;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the assembly itself promises; its users' tests drive the rest (LocalCommandTest, the end-to-end tests, the bench). */
class LocalClusterTest {

  @TempDir Path dir;

  @Test
  void replicasOnAGivenZooKeeperLeadAndCloseStopsThemButNotTheZooKeeper() throws Exception {
    try (TestingServer zk = TestZooKeeper.start()) {
      List<InetSocketAddress> closed = new ArrayList<>();
      try (LocalCluster cluster = LocalCluster.builder().zooKeeper(zk.getConnectString()).workDir(dir)
          .profile(Profile.TEST).agents(2).replicas(2).replicaIds("r").start()) {
        Controller leader = cluster.awaitLeader(Duration.ofSeconds(60));
        assertThat(cluster.replicas()).extracting(c -> c.self().id()).containsExactly("r0", "r1");
        assertThat(cluster.leader()).containsSame(leader);
        assertThat(cluster.mesos().state().agents()).hasSize(2);
        assertThat(cluster.zkConnectString()).isEqualTo(zk.getConnectString());
        cluster.replicas().forEach(c -> closed.add(c.httpAddress()));
        URI mesos = URI.create(cluster.mesos().url());
        closed.add(new InetSocketAddress(mesos.getHost(), mesos.getPort()));
      }

      closed.forEach(LocalClusterTest::assertRefused);
      try (CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).as("the given ZooKeeper still serves").isTrue();
      }
    }
  }

  @Test
  void aFailedStartStopsWhatItHadStartedAndSaysWhy() throws Exception {
    int zkPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      zkPort = free.getLocalPort();
    }
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalCluster.Builder builder = LocalCluster.builder().workDir(dir).zooKeeperPort(zkPort)
          .mesosPort(busy.getLocalPort());

      assertThatThrownBy(builder::start).isInstanceOf(IOException.class)
          .hasMessageContaining("cannot start mesos-local on 127.0.0.1:" + busy.getLocalPort())
          .hasMessageContaining("--mesos-port");
    }
    assertRefused(new InetSocketAddress("127.0.0.1", zkPort));
  }

  private static void assertRefused(InetSocketAddress address) {
    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(address, 5_000);
      }
    }).as(address + " is closed").isInstanceOf(ConnectException.class);
  }
}
