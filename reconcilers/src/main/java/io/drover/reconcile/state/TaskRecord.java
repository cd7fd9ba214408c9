package io.drover.reconcile.state;

import com.google.common.collect.ImmutableSortedSet;
import io.drover.api.model.Goal;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.TaskLabels;
import io.drover.reconcile.pod.TaskName;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What the scheduler stored about the latest launch of one task (the stored model): the TaskInfo as
 * launched (its resources carry the reservation ids), the agent's hostname, the latest accepted
 * status, and the bookkeeping the plans need. Immutable.
 *
 * @param info the TaskInfo as sent in the launch; never null
 * @param hostname the agent's hostname at launch, for placement and task rows
 * @param status the latest accepted status, null until the first update
 * @param goalReached the task reached its goal at least once with its current spec
 * @param replace the instance must move to new reservations (pod replace)
 * @param confirmedIds reservation ids known to exist (seen offered, or the task reached its agent)
 * @param releasedIds reservation ids already destroyed and unreserved
 * @param agentStatus what Mesos said about the agent after the task had ended, when it says the
 *     agent is gone or unreachable ({@link TaskStateMachine#agentStatus}); null otherwise
 */
public record TaskRecord(
    TaskInfo info,
    String hostname,
    TaskStatus status,
    boolean goalReached,
    boolean replace,
    Set<String> confirmedIds,
    Set<String> releasedIds,
    TaskStatus agentStatus) {

  public TaskRecord {
    Objects.requireNonNull(info, "info");
    hostname = hostname == null ? "" : hostname;
    confirmedIds = ImmutableSortedSet.copyOf(confirmedIds);
    releasedIds = ImmutableSortedSet.copyOf(releasedIds);
  }

  /** A task just launched; {@code confirmedIds} are the reservations seen in the offer. */
  public static TaskRecord launched(
      TaskInfo info, String hostname, boolean goalReached, Collection<String> confirmedIds) {
    return new TaskRecord(info, hostname, null, goalReached, false, Set.copyOf(confirmedIds), Set.of(), null);
  }

  public TaskRecord withStatus(TaskStatus s) {
    Set<String> confirmed = confirmedIds;
    if (TaskStateMachine.fromAgent(s)) {
      confirmed = resourceIds();
    }
    return new TaskRecord(info, hostname, s, goalReached, replace, confirmed, releasedIds, agentStatus);
  }

  public TaskRecord withGoalReached() {
    return new TaskRecord(info, hostname, status, true, replace, confirmedIds, releasedIds, agentStatus);
  }

  public TaskRecord markedForReplace() {
    return new TaskRecord(info, hostname, status, goalReached, true, confirmedIds, releasedIds, agentStatus);
  }

  public TaskRecord withReleased(Collection<String> ids) {
    Set<String> all = new LinkedHashSet<>(releasedIds);
    all.addAll(ids);
    return new TaskRecord(info, hostname, status, goalReached, replace, confirmedIds, all, agentStatus);
  }

  public TaskRecord withAgentStatus(TaskStatus s) {
    return new TaskRecord(info, hostname, status, goalReached, replace, confirmedIds, releasedIds, s);
  }

  public TaskName taskName() {
    return TaskName.of(
        TaskLabels.require(info, TaskLabels.POD),
        Integer.parseInt(TaskLabels.require(info, TaskLabels.POD_INDEX)),
        TaskLabels.require(info, TaskLabels.TASK));
  }

  public TaskID taskId() {
    return info.getTaskId();
  }

  public AgentID agentId() {
    return info.getAgentId();
  }

  public String specHash() {
    return TaskLabels.require(info, TaskLabels.TARGET_SPEC_HASH);
  }

  public String specDigest() {
    return TaskLabels.require(info, TaskLabels.SPEC_DIGEST);
  }

  public Goal goal() {
    return Goal.valueOf(TaskLabels.require(info, TaskLabels.GOAL));
  }

  public TaskCondition condition() {
    return TaskStateMachine.condition(status);
  }

  /**
   * The reservation ids the launch used, in TaskInfo order, then those of the task group's executor
   * when this launch holds them.
   */
  public Set<String> resourceIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (Resource r : info.getResourcesList()) {
      ReservationLabels.resourceId(r).ifPresent(ids::add);
    }
    for (Resource r : info.getExecutor().getResourcesList()) {
      ReservationLabels.resourceId(r).ifPresent(ids::add);
    }
    return ids;
  }

  /** Reservation ids not yet released. */
  public Set<String> unreleasedIds() {
    Set<String> ids = resourceIds();
    ids.removeAll(releasedIds);
    return ids;
  }

  /**
   * Reservations known to exist and not yet released. One never confirmed (a launch refused or
   * lost before Mesos applied it) is released if it ever shows up, but nothing waits for it.
   */
  public Set<String> heldIds() {
    Set<String> ids = unreleasedIds();
    ids.retainAll(confirmedIds);
    return ids;
  }

  /**
   * Whether nothing of this launch holds resources any more: the task is terminal and every
   * reservation known to exist has been released, or the agent is gone and took them with it.
   */
  public boolean retired() {
    return agentGone() || (condition().terminal() && heldIds().isEmpty());
  }

  /** Whether Mesos says the task's agent is gone, and its reservations and volume with it. */
  public boolean agentGone() {
    return condition() == TaskCondition.GONE
        || (agentStatus != null && TaskStateMachine.condition(agentStatus) == TaskCondition.GONE);
  }

  /** Since when Mesos reports the task's agent unreachable, if it does. */
  public Optional<Instant> unreachableSince() {
    if (condition() == TaskCondition.UNREACHABLE) {
      return TaskStateMachine.unreachableSince(status);
    }
    return agentStatus == null ? Optional.empty() : TaskStateMachine.unreachableSince(agentStatus);
  }

  /** Whether the task is running now and passes its health and readiness checks, if any. */
  public boolean runningAndReady() {
    if (condition() != TaskCondition.RUNNING) {
      return false;
    }
    boolean healthy = !info.hasHealthCheck() || (status.hasHealthy() && status.getHealthy());
    boolean ready =
        !info.hasCheck()
            || (status.hasCheckStatus()
                && status.getCheckStatus().hasCommand()
                && status.getCheckStatus().getCommand().hasExitCode()
                && status.getCheckStatus().getCommand().getExitCode() == 0);
    return healthy && ready;
  }

  /** Whether the task is at its goal right now: running and ready, or finished. */
  public boolean atGoalNow() {
    return goal() == Goal.RUNNING ? runningAndReady() : condition() == TaskCondition.FINISHED;
  }
}
