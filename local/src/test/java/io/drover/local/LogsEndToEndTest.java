package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover logs} through the real CLI on a running stack on mesos-local (see {@link LogsChecks}). */
class LogsEndToEndTest {

  @TempDir Path dir;

  @Test
  void runningFollowedAndFinishedTasksAndWhatGoesWrong() throws Exception {
    try (TestingServer zk = TestZooKeeper.start();
        LocalCluster cluster = LocalCluster.builder().profile(Profile.TEST).zooKeeper(zk.getConnectString())
            .workDir(dir.resolve("work")).agents(1).replicas(1).start()) {
      cluster.awaitLeader(Duration.ofSeconds(60));
      LogsChecks checks = new LogsChecks(zk.getConnectString(), cluster.mesos().url(), dir, cluster.workDir());
      checks.runningFollowedAndFinished();
      checks.errors();

      String agent = cluster.mesos().agentIds().get(0);
      cluster.mesos().stopAgent(agent);
      LogsChecks.Result down = checks.drover("logs", "service/chatty");
      assertThat(down.exit()).isEqualTo(3);
      assertThat(down.err()).contains("agent " + agent + " of task chatty__talk-0-out",
          "is not registered with the Mesos master at " + cluster.mesos().url());
    }
  }
}
