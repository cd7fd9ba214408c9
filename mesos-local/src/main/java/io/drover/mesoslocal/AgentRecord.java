package io.drover.mesoslocal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;

/**
 * One agent: its identity, its total resources (which RESERVE, UNRESERVE, CREATE and DESTROY
 * rewrite, as an agent checkpoints them), and the tasks it runs. Owned by the master loop.
 */
final class AgentRecord {

  final AgentID id;
  final AgentInfo info;
  final Path workDir;
  Resources total;
  /** False while stopped by a fault: the master then considers it unreachable. */
  boolean connected = true;
  long unreachableSince;
  final Map<TaskKey, TaskRecord> tasks = new LinkedHashMap<>();
  private Resources used;
  final Set<String> offerIds = new HashSet<>();
  /** Tasks of frameworks removed while this agent was away; killed when it comes back. */
  final Set<TaskKey> tasksToKill = new HashSet<>();

  AgentRecord(AgentInfo info, Resources total, Path workDir) {
    this.id = info.getId();
    this.info = info;
    this.total = total;
    this.workDir = workDir;
  }

  String idValue() {
    return id.getValue();
  }

  String hostname() {
    return info.getHostname();
  }

  /** Resources held by tasks that are not terminal; cached until {@link #tasksChanged}. */
  Resources used() {
    if (used == null) {
      Resources sum = Resources.empty();
      for (TaskRecord t : tasks.values()) {
        if (!t.isTerminal()) {
          sum = sum.plus(t.resources);
        }
      }
      used = sum;
    }
    return used;
  }

  /** Call whenever a task is added or removed or becomes terminal. */
  void tasksChanged() {
    used = null;
  }

  Path volumeDir(String role, String persistenceId) {
    return workDir.resolve("volumes").resolve("roles").resolve(role.replace('/', '#')).resolve(persistenceId);
  }
}
