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
import org.apache.mesos.v1.Protos.Secret;

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
      // Absolute: a relative target would be read from the link's own directory and dangle.
      Files.createSymbolicLink(link, target.toAbsolutePath());
    }
  }

  /**
   * The task's environment on top of this process's: the Mesos variables, {@code PORT_<NAME>} for
   * each named port of the DiscoveryInfo, then the task's own variables (which win), secrets
   * resolved.
   */
  static Map<String, String> environment(LaunchSpec spec, Path sandbox) throws IOException {
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
        env.put(v.getName(), v.getType() == Environment.Variable.Type.SECRET ? resolve(v.getSecret()) : v.getValue());
      }
    }
    return env;
  }

  /**
   * What the agent's default secret resolver does: a VALUE secret is its data; a REFERENCE needs a
   * secret resolver module, which a default agent has not, so the launch fails.
   */
  private static String resolve(Secret secret) throws IOException {
    if (secret.getType() != Secret.Type.VALUE) {
      throw new IOException("Collect failed: Default secret resolver cannot resolve references");
    }
    return secret.getValue().getData().toStringUtf8();
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
