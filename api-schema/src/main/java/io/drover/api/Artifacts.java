package io.drover.api;

import io.drover.api.model.Artifact;
import java.util.List;
import java.util.Objects;

/**
 * Defaults of the artifacts a pod or task fetches, as the Mesos fetcher has them: {@code extract}
 * true, {@code executable} and {@code cache} false. An absent list stays absent (nothing to fetch),
 * so documents without artifacts keep their canonical form and spec hash.
 */
final class Artifacts {
  static final boolean EXTRACT = true;
  static final boolean EXECUTABLE = false;
  static final boolean CACHE = false;

  private Artifacts() {}

  static List<Artifact> withDefaults(List<Artifact> uris) {
    if (uris == null) {
      return null;
    }
    return uris.stream().filter(Objects::nonNull).map(Artifacts::withDefaults).toList();
  }

  private static Artifact withDefaults(Artifact a) {
    return new Artifact(
        a.uri(),
        a.extract() == null ? EXTRACT : a.extract(),
        a.executable() == null ? EXECUTABLE : a.executable(),
        a.cache() == null ? CACHE : a.cache(),
        a.outputFile());
  }
}
