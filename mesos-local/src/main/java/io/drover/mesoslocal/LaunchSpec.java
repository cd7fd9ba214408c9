package io.drover.mesoslocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * What an agent needs to run one task: the TaskInfo, where its sandbox goes, which directories to
 * link into its sandbox (container path to directory: persistent volumes, and for a task of a group
 * the parts of its executor's sandbox its {@code SANDBOX_PATH} volumes name), the Mesos environment
 * to set, and whether the framework understands TASK_KILLING.
 */
record LaunchSpec(TaskKey key, TaskInfo task, Path sandbox, Map<String, Path> volumes, Map<String, String> mesosEnv,
    boolean killingCapable) {

  /** The command executor's default kill grace period. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

  LaunchSpec {
    volumes = Map.copyOf(volumes);
    mesosEnv = Map.copyOf(mesosEnv);
  }

  /** The grace period of the TaskInfo's kill policy, else 3 s. */
  Duration gracePeriod() {
    return task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
        ? Duration.ofNanos(task.getKillPolicy().getGracePeriod().getNanoseconds())
        : DEFAULT_GRACE;
  }
}
