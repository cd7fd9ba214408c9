package io.drover.mesoslocal.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a Mesos 1.11 installation is: {@code -Dmesos.home} or else the {@code MESOS_HOME} environment
 * variable, a directory with {@code bin/mesos-master}, {@code bin/mesos-agent} and
 * {@code libexec/mesos} (the agent's launcher dir), as {@code shared/mesos} is laid out.
 */
public final class MesosHome {

  /** The system property that names it; wins over the environment variable. */
  public static final String PROPERTY = "mesos.home";
  /** The environment variable that names it. */
  public static final String ENV = "MESOS_HOME";

  private MesosHome() {}

  /** The configured installation, or empty when neither is set (or set to an empty value). */
  public static Optional<Path> find() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENV);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value).toAbsolutePath());
  }

  /** The installation, checked: its binaries exist. */
  static Path require() {
    Path home = find().orElseThrow(() -> new IllegalStateException(
        "Set " + ENV + " (or -D" + PROPERTY + ") to a Mesos 1.11 installation, e.g. ../shared/mesos"));
    for (String bin : new String[] {"bin/mesos-master", "bin/mesos-agent", "libexec/mesos/mesos-executor"}) {
      if (!Files.isExecutable(home.resolve(bin))) {
        throw new IllegalStateException(ENV + "=" + home + " has no executable " + bin);
      }
    }
    return home;
  }
}
