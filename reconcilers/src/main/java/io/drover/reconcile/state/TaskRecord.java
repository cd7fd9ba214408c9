package io.drover.reconcile.state;

import com.google.common.collect.ImmutableSortedSet;
import com.google.protobuf.ByteString;
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
 * status, and the bookkeeping the plans need. Immutable, and a value: equal when the parameters
 * below are.
 *
 * <p>The plans ask for the task's name, spec hash, spec digest and goal, all labels of its
 * TaskInfo, many times per event; each is read from the labels once per launch, at its first use,
 * and kept by the records that follow from this one ({@code with...}). So is the TaskInfo's
 * serialized form, which the store writes again with every status the task gets.
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
public final class TaskRecord {
  private final TaskInfo info;
  private final String hostname;
  private final TaskStatus status;
  private final boolean goalReached;
  private final boolean replace;
  private final Set<String> confirmedIds;
  private final Set<String> releasedIds;
  private final TaskStatus agentStatus;
  /** {@link #info}'s labels and serialized form, at first use; shared by the records made from this one. */
  private final LaunchReadings launch;

  public TaskRecord(TaskInfo info, String hostname, TaskStatus status, boolean goalReached, boolean replace,
      Set<String> confirmedIds, Set<String> releasedIds, TaskStatus agentStatus) {
    this(info, hostname, status, goalReached, replace, confirmedIds, releasedIds, agentStatus,
        new LaunchReadings(info));
  }

  private TaskRecord(TaskInfo info, String hostname, TaskStatus status, boolean goalReached, boolean replace,
      Set<String> confirmedIds, Set<String> releasedIds, TaskStatus agentStatus, LaunchReadings launch) {
    this.info = Objects.requireNonNull(info, "info");
    this.hostname = hostname == null ? "" : hostname;
    this.status = status;
    this.goalReached = goalReached;
    this.replace = replace;
    this.confirmedIds = ImmutableSortedSet.copyOf(confirmedIds);
    this.releasedIds = ImmutableSortedSet.copyOf(releasedIds);
    this.agentStatus = agentStatus;
    this.launch = launch;
  }

  /**
   * The labels of one TaskInfo, each parsed at its first use, and its serialized form (a race
   * computes one twice, to the same value). A label that is missing fails its own accessor only,
   * every time it is asked for.
   */
  private static final class LaunchReadings {
    private final TaskInfo info;
    private volatile ByteString serialized;
    private volatile TaskName name;
    private volatile String specHash;
    private volatile String specDigest;
    private volatile Goal goal;

    LaunchReadings(TaskInfo info) {
      this.info = info;
    }

    TaskName name() {
      TaskName n = name;
      if (n == null) {
        n = TaskName.of(
            TaskLabels.require(info, TaskLabels.POD),
            Integer.parseInt(TaskLabels.require(info, TaskLabels.POD_INDEX)),
            TaskLabels.require(info, TaskLabels.TASK));
        name = n;
      }
      return n;
    }

    String specHash() {
      String h = specHash;
      if (h == null) {
        h = TaskLabels.require(info, TaskLabels.TARGET_SPEC_HASH);
        specHash = h;
      }
      return h;
    }

    String specDigest() {
      String d = specDigest;
      if (d == null) {
        d = TaskLabels.require(info, TaskLabels.SPEC_DIGEST);
        specDigest = d;
      }
      return d;
    }

    ByteString serialized() {
      ByteString b = serialized;
      if (b == null) {
        b = info.toByteString();
        serialized = b;
      }
      return b;
    }

    Goal goal() {
      Goal g = goal;
      if (g == null) {
        g = Goal.valueOf(TaskLabels.require(info, TaskLabels.GOAL));
        goal = g;
      }
      return g;
    }
  }

  public TaskInfo info() {
    return info;
  }

  /** {@link #info} serialized, computed once per launch. */
  public ByteString serializedInfo() {
    return launch.serialized();
  }

  public String hostname() {
    return hostname;
  }

  public TaskStatus status() {
    return status;
  }

  public boolean goalReached() {
    return goalReached;
  }

  public boolean replace() {
    return replace;
  }

  public Set<String> confirmedIds() {
    return confirmedIds;
  }

  public Set<String> releasedIds() {
    return releasedIds;
  }

  public TaskStatus agentStatus() {
    return agentStatus;
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
    return new TaskRecord(info, hostname, s, goalReached, replace, confirmed, releasedIds, agentStatus, launch);
  }

  public TaskRecord withGoalReached() {
    return new TaskRecord(info, hostname, status, true, replace, confirmedIds, releasedIds, agentStatus, launch);
  }

  public TaskRecord markedForReplace() {
    return new TaskRecord(info, hostname, status, goalReached, true, confirmedIds, releasedIds, agentStatus, launch);
  }

  public TaskRecord withReleased(Collection<String> ids) {
    Set<String> all = new LinkedHashSet<>(releasedIds);
    all.addAll(ids);
    return new TaskRecord(info, hostname, status, goalReached, replace, confirmedIds, all, agentStatus, launch);
  }

  public TaskRecord withAgentStatus(TaskStatus s) {
    return new TaskRecord(info, hostname, status, goalReached, replace, confirmedIds, releasedIds, s, launch);
  }

  public TaskName taskName() {
    return launch.name();
  }

  public TaskID taskId() {
    return info.getTaskId();
  }

  public AgentID agentId() {
    return info.getAgentId();
  }

  public String specHash() {
    return launch.specHash();
  }

  public String specDigest() {
    return launch.specDigest();
  }

  public Goal goal() {
    return launch.goal();
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

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof TaskRecord r
        && goalReached == r.goalReached
        && replace == r.replace
        && info.equals(r.info)
        && hostname.equals(r.hostname)
        && Objects.equals(status, r.status)
        && confirmedIds.equals(r.confirmedIds)
        && releasedIds.equals(r.releasedIds)
        && Objects.equals(agentStatus, r.agentStatus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(info, hostname, status, goalReached, replace, confirmedIds, releasedIds, agentStatus);
  }

  @Override
  public String toString() {
    return "TaskRecord[info=" + info + ", hostname=" + hostname + ", status=" + status + ", goalReached=" + goalReached
        + ", replace=" + replace + ", confirmedIds=" + confirmedIds + ", releasedIds=" + releasedIds
        + ", agentStatus=" + agentStatus + "]";
  }
}
