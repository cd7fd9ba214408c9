package io.drover.reconcile.offer;

import io.drover.api.model.Artifact;
import io.drover.api.model.TaskSpec;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * What a task brings into its sandbox besides its command line: the artifacts the Mesos fetcher
 * downloads before the command starts ({@code CommandInfo.uris}).
 */
final class TaskContents {
  private TaskContents() {}

  /** The task's command with its artifacts. */
  static CommandInfo command(CommandInfo base, TaskSpec spec) {
    if (spec.uris() == null || spec.uris().isEmpty()) {
      return base;
    }
    CommandInfo.Builder c = base.toBuilder();
    for (Artifact a : spec.uris()) {
      c.addUris(uri(a));
    }
    return c.build();
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
