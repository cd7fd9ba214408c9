package io.drover.reconcile.service;

import io.drover.reconcile.plan.InstanceView;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;

/**
 * Bookkeeping after every decision: records of decommissioned tasks that hold nothing any more are
 * dropped, and a rollout whose every step is done (and nothing is left to decommission) marks the
 * target as deployed.
 */
final class Settle {

  private Settle() {}

  static ServiceRecord apply(ServiceRecord s) {
    ServiceRecord rec = s;
    for (TaskRecord r : s.tasks().values()) {
      if (KillPlanner.orphan(s, r) && r.retired() && !s.uninstalling()) {
        rec = rec.withoutTask(r.info().getName());
      }
    }
    if (!rec.uninstalling()
        && !rec.target().specHash().equals(rec.deployedSpecHash())
        && rolloutComplete(rec)) {
      rec = rec.withDeployed(rec.target().specHash());
    }
    return rec;
  }

  static boolean rolloutComplete(ServiceRecord s) {
    for (InstanceId id : WorkPlanner.layout(s).steps()) {
      if (!InstanceView.of(s, id).done()) {
        return false;
      }
    }
    return s.tasks().values().stream().noneMatch(r -> KillPlanner.orphan(s, r));
  }
}
