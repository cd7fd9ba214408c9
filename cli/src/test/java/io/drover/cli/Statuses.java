package io.drover.cli;

/** Status JSON as the controller writes it, for tests that play the controller. */
final class Statuses {

  private Statuses() {}

  /** {@code status} recording a check of the document written at {@code mzxid}. */
  static String checked(String status, long mzxid, String validator, int desiredTasks) {
    String json = status.strip();
    return json.substring(0, json.length() - 1) + ", \"checked\": {\"mzxid\": " + mzxid
        + ", \"validator\": \"" + validator + "\", \"desiredTasks\": " + desiredTasks + "}}";
  }

  /** Running, with {@code ready} of {@code tasks} tasks running and ready. */
  static String running(long observedGeneration, int tasks, int ready) {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < tasks; i++) {
      rows.append(i == 0 ? "" : ",").append("""
          {"name": "hello-%d-server", "taskId": "hello__hello-%d-server__u%d",
           "state": "%s", "host": "agent-%d", "ports": {"http": %d},
           "healthy": true, "ready": %s}""".formatted(i, i, i,
          i < ready ? "TASK_RUNNING" : "TASK_STAGING", i, 31000 + i, i < ready));
    }
    String readyCondition = ready == tasks ? "True" : "False";
    return """
        {"observedGeneration": %d, "specHash": "5e1f", "phase": "%s",
         "conditions": [
           {"type": "Accepted", "status": "True", "reason": "Valid",
            "lastTransitionTime": "2024-05-01T10:00:00Z"},
           {"type": "Ready", "status": "%s", "reason": "%s", "message": "%d/%d tasks ready",
            "lastTransitionTime": "2024-05-01T10:01:00Z"}],
         "plans": [{"name": "deploy", "status": "%s", "phases": [{"name": "hello",
           "status": "%s", "steps": [{"name": "hello-0", "status": "COMPLETE"}]}]}],
         "tasks": [%s]}
        """.formatted(observedGeneration, ready == tasks ? "Running" : "Deploying",
        readyCondition, ready == tasks ? "AllTasksReady" : "TasksNotReady", ready, tasks,
        ready == tasks ? "COMPLETE" : "IN_PROGRESS", ready == tasks ? "COMPLETE" : "IN_PROGRESS",
        rows);
  }

  /** Uninstalling, as the controller reports a service whose document was deleted. */
  static String uninstalling(long observedGeneration) {
    return """
        {"observedGeneration": %d, "phase": "Uninstalling",
         "conditions": [{"type": "Ready", "status": "False", "reason": "Uninstalling"}]}
        """.formatted(observedGeneration);
  }
}
