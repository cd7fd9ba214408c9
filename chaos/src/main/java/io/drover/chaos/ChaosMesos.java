package io.drover.chaos;

import io.drover.mesoslocal.MesosCluster;
import io.drover.mesoslocal.MesosLocal;
import io.drover.mesoslocal.real.RealMesos;

/**
 * The Mesos faults of a chaos run, played on mesos-local ({@link Local}) or on a real Mesos 1.11
 * ({@link Real}): the agent faults of {@link MesosCluster} plus those whose means differ, a master
 * restart and a task crash. Each returns once the master has seen the fault.
 */
sealed interface ChaosMesos {

  /** The master and agents. */
  MesosCluster cluster();

  /** The master restarts (stopped with SIGKILL when {@code kill}, else SIGTERM); returns how it went. */
  String restartMaster(boolean kill);

  /** SIGKILL to a running task's processes; returns what was killed. */
  String crashTask(String taskId);

  /** Replaces an agent by a new one on a fresh work dir, the old one gone for good; returns the new id. */
  default String replaceAgent(String agentId) {
    return cluster().replaceAgent(agentId);
  }

  /** mesos-local: its master fails over in place, its tasks crash through its fault API. */
  record Local(MesosLocal cluster) implements ChaosMesos {
    @Override
    public String restartMaster(boolean kill) {
      cluster.faults().masterRestart();
      return "failed over in place";
    }

    @Override
    public String crashTask(String taskId) {
      cluster.faults().crashTask(taskId);
      return "its processes";
    }
  }

  /**
   * A real Mesos: the master process is stopped and started again on its work dir, a task's
   * processes are found through the agents' {@code /state}, and a replaced agent's leftover
   * executors and tasks are killed, as when its machine goes away.
   */
  record Real(RealMesos cluster) implements ChaosMesos {
    @Override
    public String restartMaster(boolean kill) {
      cluster.restartMaster(kill);
      return kill ? "SIGKILL" : "SIGTERM";
    }

    @Override
    public String crashTask(String taskId) {
      return "pids " + cluster.crashTask(taskId);
    }

    @Override
    public String replaceAgent(String agentId) {
      String successor = cluster.replaceAgent(agentId);
      cluster.killReplacedAgentsProcesses();
      return successor;
    }
  }
}
