package io.drover.reconcile.offer;

import io.drover.api.model.Artifact;
import io.drover.api.model.TaskSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.Secret;

/**
 * What a task brings into its sandbox besides its command line: the artifacts the Mesos fetcher
 * downloads before the command starts ({@code CommandInfo.uris}), its config files rendered over its
 * variables ({@link ConfigRenderer}), its secrets as environment variables of type SECRET, and the
 * container image it runs in. A secret goes into the TaskInfo as a REFERENCE to its name, which is
 * what the scheduler stores; the controller turns it into a VALUE just before the launch goes to
 * Mesos, so no value is ever stored.
 */
final class TaskContents {
  private TaskContents() {}

  /** The task's command with its artifacts. */
  static CommandInfo command(CommandInfo base, TaskSpec spec) {
    CommandInfo.Builder c = base.toBuilder();
    if (spec.uris() != null) {
      for (Artifact a : spec.uris()) {
        c.addUris(uri(a));
      }
    }
    if (spec.secrets() != null) {
      spec.secrets().forEach((variable, ref) -> c.getEnvironmentBuilder().addVariables(secretVariable(variable, ref.secret())));
    }
    if (spec.configs() != null && !spec.configs().isEmpty()) {
      Map<String, String> vars = new HashMap<>();
      base.getEnvironment().getVariablesList().stream()
          .filter(v -> v.getType() != Environment.Variable.Type.SECRET)
          .forEach(v -> vars.put(v.getName(), v.getValue()));
      ConfigRenderer.Rendered files = ConfigRenderer.render(spec.configs(), vars);
      files.variables().forEach((name, content) ->
          c.getEnvironmentBuilder().addVariables(Environment.Variable.newBuilder().setName(name).setValue(content)));
      c.setValue(String.join("\n", files.lines()) + "\n" + base.getValue());
    }
    return c.build();
  }

  /**
   * The container of a task with an image: the Mesos containerizer (UCR) with a DOCKER image, never
   * the Docker containerizer.
   */
  static Optional<ContainerInfo> container(TaskSpec spec) {
    if (spec.image() == null) {
      return Optional.empty();
    }
    return Optional.of(ContainerInfo.newBuilder()
        .setType(ContainerInfo.Type.MESOS)
        .setMesos(ContainerInfo.MesosInfo.newBuilder().setImage(Image.newBuilder()
            .setType(Image.Type.DOCKER)
            .setDocker(Image.Docker.newBuilder().setName(spec.image()))))
        .build());
  }

  /** An environment variable whose value is the secret {@code name}, by reference. */
  static Environment.Variable secretVariable(String variable, String name) {
    return Environment.Variable.newBuilder()
        .setName(variable)
        .setType(Environment.Variable.Type.SECRET)
        .setSecret(Secret.newBuilder().setType(Secret.Type.REFERENCE).setReference(Secret.Reference.newBuilder().setName(name)))
        .build();
  }

  private static CommandInfo.URI uri(Artifact a) {
    CommandInfo.URI.Builder u = CommandInfo.URI.newBuilder().setValue(a.uri());
    if (a.extract() != null) {
      u.setExtract(a.extract());
    }
    if (a.executable() != null) {
      u.setExecutable(a.executable());
    }
    if (a.cache() != null) {
      u.setCache(a.cache());
    }
    if (a.outputFile() != null) {
      u.setOutputFile(a.outputFile());
    }
    return u.build();
  }
}
