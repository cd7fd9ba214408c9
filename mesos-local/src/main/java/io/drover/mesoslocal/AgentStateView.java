package io.drover.mesoslocal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Value;

/**
 * One agent's own {@code /state}, in the shape of a real agent's: its identity and resources, and
 * per framework its executors with their sandbox {@code directory}, running tasks and completed
 * tasks, then its completed executors. As on a real agent, a framework with no live executor left is
 * listed under {@code completed_frameworks}. Runs on the master loop.
 */
final class AgentStateView {

  /** What the command executor itself takes, on top of its task (as a real agent reports it). */
  private static final Resources COMMAND_EXECUTOR = Resources.of(ResourceFormat.parse("cpus:0.1;mem:32"));

  private AgentStateView() {}

  /** One executor run: its tasks, live ones first as they were launched, then the ended ones. */
  private record Run(String frameworkId, String executorId, Path dir, List<TaskRecord> live, List<TaskRecord> ended) {}

  static Map<String, Object> json(MasterState state, AgentRecord a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", state.masterInfo.getVersion());
    out.put("id", a.idValue());
    out.put("pid", "slave(1)@127.0.0.1:" + a.info.getPort());
    out.put("hostname", a.hostname());
    out.put("capabilities", List.of("MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT", "RESOURCE_PROVIDER",
        "RESIZE_VOLUME", "AGENT_OPERATION_FEEDBACK", "AGENT_DRAINING", "TASK_RESOURCE_LIMITS"));
    out.put("resources", StateView.resources(a.total.toList()));
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (Attribute attr : a.info.getAttributesList()) {
      attributes.put(attr.getName(), attr.getType() == Value.Type.TEXT ? attr.getText().getValue()
          : attr.getScalar().getValue());
    }
    out.put("attributes", attributes);
    out.put("master_hostname", state.masterInfo.getHostname());
    out.put("flags", Map.of("hostname", a.hostname(), "port", Integer.toString(a.info.getPort()),
        "work_dir", a.checkpoint.workDir().toAbsolutePath().toString()));
    List<Object> frameworks = new ArrayList<>();
    List<Object> completed = new ArrayList<>();
    Map<String, List<Run>> runs = runsByFramework(a);
    for (Map.Entry<String, FrameworkInfo> f : a.frameworks.entrySet()) {
      List<Run> its = runs.getOrDefault(f.getKey(), List.of());
      if (its.isEmpty()) {
        continue;
      }
      boolean live = its.stream().anyMatch(r -> !r.live().isEmpty());
      (live ? frameworks : completed).add(framework(f.getKey(), f.getValue(), a, its));
    }
    out.put("frameworks", frameworks);
    out.put("completed_frameworks", completed);
    return out;
  }

  /** Every executor run on the agent, grouped by framework: the completed ones as they ended, then the live ones. */
  static Map<String, List<Run>> runsByFramework(AgentRecord a) {
    Map<Path, Run> byDir = new LinkedHashMap<>();
    List<TaskRecord> all = new ArrayList<>(a.completedTasks);
    all.addAll(a.tasks.values());
    for (TaskRecord t : all) {
      Run run = byDir.computeIfAbsent(t.runDir, d -> new Run(t.key.frameworkId(), t.executorId.getValue(), d,
          new ArrayList<>(), new ArrayList<>()));
      (a.tasks.containsKey(t.key) ? run.live() : run.ended()).add(t);
    }
    Map<String, List<Run>> out = new LinkedHashMap<>();
    byDir.values().forEach(r -> out.computeIfAbsent(r.frameworkId(), k -> new ArrayList<>()).add(r));
    return out;
  }

  /** The run directories of the agent's executors (live and completed), the files API's attached paths. */
  static List<FilesApi.Attached> attached(AgentRecord a) {
    List<FilesApi.Attached> out = new ArrayList<>();
    runsByFramework(a).values().forEach(runs -> runs.forEach(r ->
        out.add(new FilesApi.Attached(r.frameworkId(), r.executorId(), r.dir().toAbsolutePath().normalize()))));
    return out;
  }

  private static Map<String, Object> framework(String id, FrameworkInfo info, AgentRecord a, List<Run> runs) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("name", info.getName());
    out.put("user", info.getUser());
    out.put("failover_timeout", info.getFailoverTimeout());
    out.put("checkpoint", info.getCheckpoint());
    out.put("hostname", a.hostname());
    out.put("roles", info.getRolesList());
    List<Object> executors = new ArrayList<>();
    List<Object> completed = new ArrayList<>();
    for (Run r : runs) {
      (r.live().isEmpty() ? completed : executors).add(executor(r));
    }
    out.put("executors", executors);
    out.put("completed_executors", completed);
    return out;
  }

  private static Map<String, Object> executor(Run r) {
    TaskRecord first = r.live().isEmpty() ? r.ended().get(0) : r.live().get(0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.executorId());
    out.put("name", first.inGroup ? "" : commandExecutorName(first));
    out.put("source", first.inGroup ? "" : first.key.taskId());
    out.put("container", first.containerId());
    out.put("directory", r.dir().toAbsolutePath().normalize().toString());
    Resources resources = first.inGroup ? Resources.empty() : COMMAND_EXECUTOR;
    List<Object> tasks = new ArrayList<>();
    List<Object> done = new ArrayList<>();
    for (TaskRecord t : r.live()) {
      if (t.isTerminal()) {
        done.add(TaskView.task(t));
      } else {
        tasks.add(TaskView.task(t));
        resources = resources.plus(t.resources);
      }
    }
    r.ended().forEach(t -> done.add(TaskView.task(t)));
    out.put("resources", StateView.resources(resources.toList()));
    out.put("role", first.role);
    out.put("tasks", tasks);
    out.put("queued_tasks", List.of());
    out.put("completed_tasks", done);
    return out;
  }

  /** As the agent names a command executor: the command cut after 12 characters when longer than 15. */
  private static String commandExecutorName(TaskRecord t) {
    String command = t.info.getCommand().getValue();
    String shown = command.length() > 15 ? command.substring(0, 12) + "..." : command;
    return "Command Executor (Task: " + t.key.taskId() + ") (Command: sh -c '" + shown + "')";
  }
}
