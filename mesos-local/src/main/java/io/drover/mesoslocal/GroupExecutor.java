package io.drover.mesoslocal;

import java.nio.file.Path;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * A default executor that runs task groups on an agent, as the real agent keeps one per executor id:
 * every LAUNCH_GROUP naming it while it runs adds tasks to it, sharing its sandbox ({@code runDir},
 * each task below it at {@code tasks/<task id>}); its own resources are held from its first group
 * until its last task ends, when it exits.
 *
 * @param frameworkId the framework that launched it
 * @param info the ExecutorInfo of its first LAUNCH_GROUP
 * @param runDir its sandbox
 * @param resources its own resources, besides its tasks'
 */
record GroupExecutor(String frameworkId, ExecutorInfo info, Path runDir, Resources resources) {

  String key() {
    return key(frameworkId, info.getExecutorId().getValue());
  }

  static String key(String frameworkId, String executorId) {
    return frameworkId + "/" + executorId;
  }
}
