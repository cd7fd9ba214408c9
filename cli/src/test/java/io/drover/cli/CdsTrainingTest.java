package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CdsTrainingTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  /** Every verb of the training answers as a user would expect, and leaves what it did behind. */
  @Test
  void everyVerbAnswersAsExpected() throws Exception {
    assertThat(CdsTraining.train(ZK.connectString())).isEmpty();

    try (CuratorFramework client =
        CuratorFrameworkFactory.newClient(ZK.connectString(), new RetryOneTime(100))) {
      client.start();
      assertThat(client.getChildren().forPath("/drover/services")).hasSize(19)
          .contains("training-00").doesNotContain("training-19");
      assertThat(client.getChildren().forPath("/drover-sync/services")).hasSize(20);
      assertThat(new String(client.getData().forPath("/drover/status/training-00"),
          StandardCharsets.UTF_8)).contains("\"Ready\"");
    }
  }
}
