package io.drover.chaos;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the faults did that makes a relaunch needed: tasks crashed on purpose and agents replaced.
 * A relaunch of an instance whose task is neither, nor failed, nor changed by the user, is
 * needless. Written by the fault injector, read by the monitor; thread-safe.
 */
final class FaultEffects {
  private final Set<String> crashedTasks = ConcurrentHashMap.newKeySet();
  private final Set<String> replacedAgents = ConcurrentHashMap.newKeySet();
  private volatile int current;

  void crashed(String taskId) {
    crashedTasks.add(taskId);
  }

  void replaced(String agentId) {
    replacedAgents.add(agentId);
  }

  boolean wasCrashed(String taskId) {
    return crashedTasks.contains(taskId);
  }

  boolean wasReplaced(String agentId) {
    return replacedAgents.contains(agentId);
  }

  /** The number of the fault being played now (0 before the first). */
  int current() {
    return current;
  }

  void playing(int number) {
    current = number;
  }
}
