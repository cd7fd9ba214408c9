package io.drover.controller.app;

import io.drover.local.LocalCluster;
import io.drover.local.Profile;
import java.nio.file.Path;

/** {@link ControllerScenario} on mesos-local (two agents running real processes). */
class ControllerOnMesosLocalTest extends ControllerScenario {

  @Override
  LocalCluster start(String zk, Path workDir) throws Exception {
    return LocalCluster.builder().profile(Profile.TEST).zooKeeper(zk).workDir(workDir).agents(2).replicas(2).start();
  }

  @Override
  void stopMaster() {
    // mesos-local is part of the cluster and stops with it.
  }
}
