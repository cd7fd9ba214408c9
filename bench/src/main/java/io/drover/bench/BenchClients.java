package io.drover.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Curator clients for the scenarios' own reads, writes and watches. */
final class BenchClients {

  private BenchClients() {}

  /** A started client on {@code connectString}, connected within 30 s or an error. */
  static CuratorFramework connect(String connectString) throws IOException, InterruptedException {
    CuratorFramework client =
        CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .sessionTimeoutMs((int) Duration.ofSeconds(30).toMillis())
            .connectionTimeoutMs((int) Duration.ofSeconds(10).toMillis())
            .retryPolicy(new ExponentialBackoffRetry(100, 3))
            .build();
    client.start();
    if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
      client.close();
      throw new IOException("cannot connect to ZooKeeper at " + connectString + " within 30 s");
    }
    return client;
  }
}
