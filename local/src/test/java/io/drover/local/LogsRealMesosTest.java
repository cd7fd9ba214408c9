package io.drover.local;

import io.drover.controller.app.Controller;
import io.drover.controller.app.ControllerConfig;
import io.drover.controller.store.ZkSettings;
import io.drover.mesoslocal.real.MesosHome;
import io.drover.mesoslocal.real.RealMesos;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover logs} through the real CLI against a real Mesos 1.11 master and agent
 * ({@link RealMesos}, from {@code MESOS_HOME}) with a controller and ZooKeeper: the checks of
 * {@link LogsChecks}, as on mesos-local. Skipped, saying so, without {@code MESOS_HOME}.
 */
@Tag("real-mesos")
class LogsRealMesosTest {

  @TempDir Path dir;

  @BeforeAll
  static void needsARealMesos() {
    Assumptions.assumeTrue(MesosHome.find().isPresent(), "real-Mesos tests skipped: set " + MesosHome.ENV
        + " to a Mesos 1.11 installation to run them (README, Tests)");
  }

  @Test
  void runningFollowedAndFinishedTasksOnARealAgent() throws Exception {
    Profile profile = Profile.TEST;
    try (TestingServer zk = TestZooKeeper.start();
        RealMesos mesos = RealMesos.builder().agents(1).start();
        Controller controller = Controller.start(
            profile.tune(ControllerConfig.of(profile.zk(zk.getConnectString(), profile.sessionTimeout()), "real-0", 0,
                "127.0.0.1").withHttpHost("127.0.0.1")),
            profile.runtimes(mesos.url(), ZkSettings.DEFAULT_ROOT, Duration.ofSeconds(30)))) {
      LogsChecks checks = new LogsChecks(zk.getConnectString(), mesos.url(), dir, mesos.scratch());
      checks.runningFollowedAndFinished();
      checks.errors();
    }
  }
}
