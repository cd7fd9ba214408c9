package io.drover.chaos;

/** The faults {@code drover chaos} plays, each named as the report and {@code --faults} name it. */
enum FaultType {
  LEADER_KILL("leader-kill", "the leading controller process gets SIGKILL"),
  LEADER_PAUSE("leader-pause", "the leader gets SIGSTOP past its session timeout, then SIGCONT"),
  SESSION_EXPIRY("session-expiry", "ZooKeeper closes the leader's session (as on expiry)"),
  QUORUM_LOSS("quorum-loss", "two of the three ZooKeeper servers stop, then start again"),
  MASTER_RESTART("master-restart", "the Mesos master fails over in place"),
  AGENT_LOSS("agent-loss", "an agent stops (its tasks unreachable), then starts on its work dir"),
  AGENT_REPLACE("agent-replace", "an agent is replaced by a new one on a fresh work dir"),
  TASK_CRASH("task-crash", "a running task's processes get SIGKILL");

  private final String label;
  private final String description;

  FaultType(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** The name in the report and on the command line. */
  String label() {
    return label;
  }

  String description() {
    return description;
  }

  /** The type named {@code label}; the message lists the names when there is none. */
  static FaultType of(String label) {
    for (FaultType t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    StringBuilder names = new StringBuilder();
    for (FaultType t : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(t.label);
    }
    throw new IllegalArgumentException("unknown fault '" + label + "': choose one of " + names);
  }
}
