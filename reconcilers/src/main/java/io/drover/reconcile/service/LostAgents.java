package io.drover.reconcile.service;

import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceSpec;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.pod.PodInstances;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Permanent failures replace, as the DC/OS SDK's pod replace and Marathon's unreachableStrategy do.
 * An instance whose agent Mesos reports gone (TASK_GONE_BY_OPERATOR, TASK_UNKNOWN, a removed agent)
 * lost its reservations and volume with it: it is replaced at once. One whose agent is unreachable
 * waits for it up to its pod's {@code replaceAfterSeconds}, then is replaced the same way. Replaced
 * means marked like a {@code pod replace}: relaunched elsewhere on new reservations, with a new,
 * empty volume. A decommissioned task on a lost agent is simply dropped. Whatever the old agent
 * still holds if it ever comes back is garbage: its tasks are killed as unknown and its reservations
 * released as ids no record knows ({@link ResourceRelease}) or of an unknown namespace.
 */
final class LostAgents {

  /** The record with lost instances marked for replacement, and one sentence per replacement. */
  record Result(ServiceRecord record, List<String> notices) {}

  private LostAgents() {}

  /**
   * How long an instance of pod {@code id.pod()} waits for an unreachable agent: the pod's {@code
   * replaceAfterSeconds}; nothing for a pod no longer in the spec (nobody needs its instances).
   */
  static Duration limit(ServiceSpec spec, InstanceId id) {
    return PodInstances.pod(spec, id.pod())
        .map(PodSpec::replaceAfterSeconds)
        .map(Duration::ofSeconds)
        .orElse(Duration.ZERO);
  }

  /** When an unreachable agent of this task is given up, if it is unreachable. */
  static Optional<Instant> deadline(ServiceSpec spec, TaskRecord r) {
    return r.unreachableSince().map(t -> t.plus(limit(spec, r.taskName().instance())));
  }

  /** Whether nothing more is to be expected of the task's agent: it is gone, or unreachable too long. */
  static boolean lost(ServiceSpec spec, TaskRecord r, Instant now) {
    return r.agentGone() || deadline(spec, r).map(d -> !now.isBefore(d)).orElse(false);
  }

  /** Marks every instance with a lost agent for replacement; drops decommissioned tasks on one. */
  static Result replace(ServiceRecord s, Instant now) {
    ServiceRecord rec = s;
    Map<InstanceId, TaskRecord> lost = new LinkedHashMap<>();
    for (TaskRecord r : s.tasks().values()) {
      if (!lost(s.target().spec(), r, now)) {
        continue;
      }
      if (KillPlanner.orphan(s, r)) {
        rec = rec.withoutTask(r.info().getName());
      } else {
        lost.putIfAbsent(r.taskName().instance(), r);
      }
    }
    List<String> notices = new ArrayList<>();
    for (Map.Entry<InstanceId, TaskRecord> e : lost.entrySet()) {
      List<TaskRecord> records = rec.ofInstance(e.getKey());
      if (!records.stream().allMatch(TaskRecord::replace)) {
        for (TaskRecord r : records) {
          rec = rec.withTask(r.markedForReplace());
        }
        notices.add(notice(s, e.getKey(), e.getValue()));
      }
    }
    return new Result(rec, notices);
  }

  /** The earliest future moment an unreachable agent is given up, if any is waited for. */
  static Optional<Instant> nextDeadline(ServiceRecord s, Instant now) {
    return s.tasks().values().stream()
        .filter(r -> !r.replace())
        .map(r -> deadline(s.target().spec(), r))
        .flatMap(Optional::stream)
        .filter(now::isBefore)
        .min(Instant::compareTo);
  }

  /**
   * Whether an ended task waits for an unreachable agent: offers then keep coming, so that the
   * agent's return shows (its reservations are offered again) before its deadline passes.
   */
  static boolean awaitingAgent(ServiceRecord s) {
    return s.tasks().values().stream()
        .anyMatch(r -> r.condition().terminal() && !r.replace() && r.unreachableSince().isPresent());
  }

  /** Why an instance is replaced, for the service's message. */
  private static String notice(ServiceRecord s, InstanceId id, TaskRecord r) {
    String where = r.hostname().isEmpty() ? r.agentId().getValue() : r.hostname();
    String why = r.agentGone()
        ? "its agent " + where + " is gone (" + goneBy(r) + ")"
        : "its agent " + where + " has been unreachable since " + r.unreachableSince().orElseThrow()
            + " (replaceAfterSeconds: " + limit(s.target().spec(), id).toSeconds() + ")";
    return id.name() + " is replaced: " + why + "; it is relaunched on new reservations on another agent"
        + (hasVolume(s.target().spec(), id) ? ", with a new, empty volume (the old volume's data is not copied)" : "");
  }

  private static String goneBy(TaskRecord r) {
    TaskStatus word = r.condition() == TaskCondition.GONE ? r.status() : r.agentStatus();
    return word.getState().name() + (word.hasReason() ? ", " + word.getReason().name() : "");
  }

  static boolean hasVolume(ServiceSpec spec, InstanceId id) {
    return PodInstances.pod(spec, id.pod())
        .map(p -> p.tasks().values().stream().map(TaskSpec::volume).anyMatch(v -> v != null))
        .orElse(false);
  }
}
