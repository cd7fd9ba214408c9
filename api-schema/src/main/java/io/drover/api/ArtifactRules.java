package io.drover.api;

import io.drover.api.model.Artifact;
import io.drover.api.model.ServiceResource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The artifacts of a pod or task are fetched by the Mesos fetcher on the agent: their URIs must be
 * absolute {@code http}, {@code https} or {@code file} URIs the fetcher can download, and a
 * {@code file} URI names an absolute path on the agent.
 */
final class ArtifactRules implements SemanticRule {
  static final Set<String> SCHEMES = Set.of("http", "https", "file");

  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.pods(
        written,
        (podName, pod, podPath) -> {
          checkAll(pod.uris(), podPath.child("uris"), out);
          Walk.tasksOf(podName, pod, podPath, (p, task, spec, at) -> checkAll(spec.uris(), at.child("uris"), out));
        });
  }

  private static void checkAll(List<Artifact> uris, FieldPath at, List<Problem> out) {
    if (uris == null) {
      return;
    }
    for (int i = 0; i < uris.size(); i++) {
      Artifact a = uris.get(i);
      if (a != null && a.uri() != null) {
        FieldPath path = at.index(i).child("uri");
        problem(a.uri()).ifPresent(m -> out.add(Problem.invalid(path.toString(), JsonValues.quote(a.uri()), m)));
      }
    }
  }

  private static Optional<String> problem(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Optional.of("not a URI (" + e.getReason() + "); write e.g. https://host/app.tgz or file:///srv/app.tgz");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !SCHEMES.contains(scheme)) {
      return Optional.of("must be an http://, https:// or file:// URI (the schemes Drover supports on the Mesos fetcher)");
    }
    if (scheme.equals("file")) {
      if (uri.getRawAuthority() != null || uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getPath().length() < 2) {
        return Optional.of("a file URI names an absolute path on the agent: file:///path/to/file");
      }
    } else if (uri.getHost() == null) {
      return Optional.of("has no host; write " + scheme + "://host/path");
    }
    return Optional.empty();
  }
}
