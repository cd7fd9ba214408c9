package io.drover.controller.app;

import io.drover.local.LocalCluster;
import io.drover.local.Profile;
import io.drover.mesoslocal.RealMesosTest;
import io.drover.mesoslocal.real.RealMesos;
import java.nio.file.Path;

/**
 * {@link ControllerScenario} on a real Mesos 1.11 ({@code MESOS_HOME}): a master and two agents
 * that are different hosts to placement ({@code 127.0.0.1} and {@code 127.0.0.2}), with the
 * {@code volume/sandbox_path} isolation task groups with volumes need.
 */
@RealMesosTest
class ControllerOnRealMesosTest extends ControllerScenario {
  private RealMesos real;

  @Override
  LocalCluster start(String zk, Path workDir) throws Exception {
    real = RealMesos.builder().agents(2).agentHostnames(i -> "127.0.0." + (i + 1))
        .agentResources(i -> "cpus:4;mem:4096;disk:8192;ports:[" + (31000 + 100 * i) + "-" + (31099 + 100 * i) + "]")
        .start();
    return LocalCluster.builder().profile(Profile.TEST).zooKeeper(zk).workDir(workDir).mesosMaster(real.url())
        .replicas(2).start();
  }

  @Override
  void stopMaster() {
    if (real != null) {
      real.close();
    }
  }
}
