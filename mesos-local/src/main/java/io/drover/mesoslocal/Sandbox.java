package io.drover.mesoslocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Port;

/**
 * A task's sandbox directory: created with {@code stdout} and {@code stderr} files and a symlink per
 * volume at the volume's container path; also builds the task's environment and command.
 */
final class Sandbox {

  private Sandbox() {}

  /** Creates the sandbox and links the volumes in (their directories are created if missing). */
  static Path prepare(LaunchSpec spec) throws IOException {
    Path dir = Files.createDirectories(spec.sandbox());
    for (Map.Entry<String, Path> volume : spec.volumes().entrySet()) {
      link(dir.resolve(volume.getKey().replaceFirst("^/+", "")), volume.getValue());
    }
    return dir;
  }

  private static void link(Path link, Path target) throws IOException {
    Files.createDirectories(target);
    Files.createDirectories(link.getParent());
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, target);
    }
  }

  /**
   * The task's environment on top of this process's: the Mesos variables, {@code PORT_<NAME>} for
   * each named port of the DiscoveryInfo, then the task's own variables (which win).
   */
  static Map<String, String> environment(LaunchSpec spec, Path sandbox) {
    Map<String, String> env = new LinkedHashMap<>(spec.mesosEnv());
    env.put("MESOS_SANDBOX", sandbox.toString());
    env.put("MESOS_DIRECTORY", sandbox.toString());
    if (spec.task().hasDiscovery() && spec.task().getDiscovery().hasPorts()) {
      for (Port port : spec.task().getDiscovery().getPorts().getPortsList()) {
        if (port.hasName() && !port.getName().isEmpty()) {
          env.put("PORT_" + envName(port.getName()), Integer.toString(port.getNumber()));
        }
      }
    }
    CommandInfo command = spec.task().getCommand();
    if (command.hasEnvironment()) {
      for (Environment.Variable v : command.getEnvironment().getVariablesList()) {
        if (v.getType() != Environment.Variable.Type.SECRET) {
          env.put(v.getName(), v.getValue());
        }
      }
    }
    return env;
  }

  /** {@code sh -c <value>} for shell commands, else the executable and its arguments. */
  static List<String> argv(CommandInfo command) {
    if (!command.hasShell() || command.getShell()) {
      return List.of("sh", "-c", command.getValue());
    }
    if (command.getArgumentsCount() == 0) {
      return List.of(command.getValue());
    }
    List<String> argv = new ArrayList<>();
    argv.add(command.getValue());
    argv.addAll(command.getArgumentsList().subList(1, command.getArgumentsCount()));
    return argv;
  }

  static String envName(String portName) {
    return portName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }
}
