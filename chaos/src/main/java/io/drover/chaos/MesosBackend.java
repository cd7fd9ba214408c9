package io.drover.chaos;

/** Which Mesos a chaos run plays against; {@code --mesos local|real} names it. */
enum MesosBackend {
  LOCAL("mesos-local"),
  REAL("a real Mesos 1.11 master");

  private final String description;

  MesosBackend(String description) {
    this.description = description;
  }

  /** The name on the command line and in the report. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What it is, for the progress lines. */
  String description() {
    return description;
  }
}
