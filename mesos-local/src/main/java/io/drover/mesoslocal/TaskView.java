package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.ContainerStatus;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A task as Mesos prints it in the master's and the agent's {@code /state} ({@code json(Task)} in
 * Mesos's common/http.cpp): what the master copies from the TaskInfo into its Task ({@code labels},
 * {@code discovery}, {@code container}, {@code health_check}, the command's {@code user},
 * {@code limits}) and the task's statuses, one per state in a row (a status in the state of the one
 * before it replaces it, as {@link StatusUpdates} records them).
 */
final class TaskView {

  private TaskView() {}

  static Map<String, Object> task(TaskRecord t) {
    TaskInfo info = t.info;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.key.taskId());
    out.put("name", info.getName());
    out.put("framework_id", t.key.frameworkId());
    out.put("executor_id", t.inGroup ? t.executorId.getValue() : "");
    out.put("slave_id", t.agent.idValue());
    out.put("state", t.state.name());
    out.put("resources", StateView.resources(t.resources.toList()));
    if (info.getLimitsCount() > 0) {
      Map<String, Object> limits = new LinkedHashMap<>();
      info.getLimitsMap().forEach((name, value) -> limits.put(name, value.getValue()));
      out.put("limits", limits);
    }
    out.put("role", t.role);
    List<Object> statuses = new ArrayList<>();
    t.statuses.forEach(s -> statuses.add(status(s)));
    out.put("statuses", statuses);
    if (info.getCommand().hasUser()) {
      out.put("user", info.getCommand().getUser());
    }
    if (info.hasLabels()) {
      out.put("labels", labels(info.getLabels()));
    }
    if (info.hasDiscovery()) {
      out.put("discovery", RawJson.of(info.getDiscovery()));
    }
    if (info.hasContainer()) {
      out.put("container", RawJson.of(info.getContainer()));
    }
    if (info.hasHealthCheck()) {
      out.put("health_check", RawJson.of(info.getHealthCheck()));
    }
    return out;
  }

  private static Map<String, Object> status(TaskStatus status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", status.getState().name());
    out.put("timestamp", status.getTimestamp());
    if (status.hasLabels()) {
      out.put("labels", labels(status.getLabels()));
    }
    if (status.hasContainerStatus()) {
      out.put("container_status", containerStatus(status.getContainerStatus()));
    }
    if (status.hasHealthy()) {
      out.put("healthy", status.getHealthy());
    }
    return out;
  }

  /** The fields of a ContainerStatus the endpoints print (no {@code executor_pid}), as {@code json(ContainerStatus)}. */
  private static Map<String, Object> containerStatus(ContainerStatus status) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (status.hasContainerId()) {
      out.put("container_id", RawJson.of(status.getContainerId()));
    }
    if (status.getNetworkInfosCount() > 0) {
      List<Object> networks = new ArrayList<>();
      status.getNetworkInfosList().forEach(n -> networks.add(RawJson.of(n)));
      out.put("network_infos", networks);
    }
    if (status.hasCgroupInfo()) {
      out.put("cgroup_info", RawJson.of(status.getCgroupInfo()));
    }
    return out;
  }

  /** Labels as Mesos prints them in its endpoints: an array of the Label messages. */
  static List<Object> labels(Labels labels) {
    List<Object> out = new ArrayList<>();
    labels.getLabelsList().forEach(l -> out.add(RawJson.of(l)));
    return out;
  }
}
