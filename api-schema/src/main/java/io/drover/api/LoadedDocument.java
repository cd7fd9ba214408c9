package io.drover.api;

import io.drover.api.model.ServiceResource;
import java.util.List;

/**
 * One document of a source, as {@link Services#load} read it.
 *
 * @param source the name the caller gave the content (a file name, {@code -} for stdin, a ZooKeeper
 *     path)
 * @param index position within a multi-document file, 0-based
 * @param name {@code metadata.name} when it could be read (even from an invalid document), else
 *     null
 * @param resource the resource with every default applied; null exactly when there are problems
 * @param problems every problem found, sorted by path; empty exactly when the document is valid
 * @param canonical the canonical JSON and spec hash of {@code resource} as loading computed them;
 *     null when the document is invalid or was built from a resource by hand (then {@link
 *     #canonicalJson} and {@link #specHash} compute them)
 */
public record LoadedDocument(
    String source, int index, String name, ServiceResource resource, List<Problem> problems,
    Canonical canonical) {

  /**
   * What a valid document is stored and compared by, computed once from one canonical tree while
   * loading: serializing the defaulted document again for each was a fifth of a restart's CPU
   * (docs/performance.md, recovery-scale).
   *
   * @param json {@link Services#canonicalJson} of the resource
   * @param specHash {@link Services#specHash} of the resource
   */
  public record Canonical(String json, String specHash) {}

  public LoadedDocument {
    problems = List.copyOf(problems);
    if (problems.isEmpty() == (resource == null)) {
      throw new IllegalArgumentException(
          "a document has a resource exactly when it has no problems");
    }
    if (canonical != null && resource == null) {
      throw new IllegalArgumentException("only a valid document has a canonical form");
    }
  }

  /** A document whose canonical form is computed when asked for. */
  public LoadedDocument(
      String source, int index, String name, ServiceResource resource, List<Problem> problems) {
    this(source, index, name, resource, problems, null);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** {@link Services#canonicalJson} of the resource; the document must be valid. */
  public String canonicalJson() {
    return canonical != null ? canonical.json() : Services.canonicalJson(validResource());
  }

  /** {@link Services#specHash} of the resource; the document must be valid. */
  public String specHash() {
    return canonical != null ? canonical.specHash() : Services.specHash(validResource());
  }

  private ServiceResource validResource() {
    if (resource == null) {
      throw new IllegalStateException(source + ": an invalid document has no canonical form");
    }
    return resource;
  }
}
