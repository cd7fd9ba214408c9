package io.drover.api.status;

import io.drover.api.model.Goal;
import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.TaskSpec;

/**
 * What the controller's decode of one version of a service's desired document found: that version
 * ({@code mzxid}, unique per write of any node, unlike the node's version, which starts again at 0
 * when a node is deleted and created again) is a valid Service, under the validator {@code
 * validator} ({@link io.drover.api.ValidatorIdentity}), and asks for {@code desiredTasks}
 * long-running tasks. Recorded in the status only for a valid document on a node without children,
 * so a reader of the same build that sees the same {@code mzxid} can take these facts instead of
 * decoding the document again ({@code drover get services}); any other reader decodes.
 *
 * @param mzxid the zxid of the write that gave the decoded content
 * @param validator the identity of the code that decoded and validated it
 * @param desiredTasks long-running tasks the defaulted spec asks for ({@link #desiredTasks})
 */
public record DocumentCheck(long mzxid, String validator, int desiredTasks) {

  /**
   * Long-running tasks a valid, defaulted spec asks for: every pod's count (1 when unset) times
   * its tasks whose goal is RUNNING (or unset).
   */
  public static int desiredTasks(ServiceResource resource) {
    if (resource.spec() == null || resource.spec().pods() == null) {
      return 0;
    }
    int total = 0;
    for (PodSpec pod : resource.spec().pods().values()) {
      long running = pod.tasks() == null ? 0 : pod.tasks().values().stream()
          .map(TaskSpec::goal)
          .filter(g -> g == null || g == Goal.RUNNING)
          .count();
      total += (pod.count() == null ? 1 : pod.count()) * (int) running;
    }
    return total;
  }
}
