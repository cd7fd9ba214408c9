package io.drover.reconcile.controller;

import io.drover.api.LoadedDocument;
import io.drover.api.Problem;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.state.Target;
import java.util.List;
import java.util.Objects;

/**
 * The desired model: what the user's document under {@code /services/<name>} asks for.
 *
 * @param name the service (node) name
 * @param generation the document node's version
 * @param resource the valid, defaulted resource; null exactly when the document is invalid
 * @param specHash the spec hash of {@code resource}; null exactly when the document is invalid
 * @param errors every problem of an invalid document, rendered for users; empty when valid
 * @param canonicalJson the canonical JSON of {@code resource} when loading computed it, else null
 *     (the target computes it when first asked)
 */
public record DesiredService(String name, long generation, ServiceResource resource, String specHash,
    List<String> errors, String canonicalJson) {

  public DesiredService {
    Objects.requireNonNull(name, "name");
    errors = List.copyOf(errors);
    if ((resource == null) != (specHash == null) || (resource == null) == errors.isEmpty()) {
      throw new IllegalArgumentException(
          "a desired service has a resource and hash exactly when it has no errors");
    }
  }

  /**
   * From a loaded document: valid ones get their spec hash (the one loading computed), invalid
   * ones keep their problems.
   */
  public static DesiredService of(String name, long generation, LoadedDocument document) {
    if (document.valid()) {
      return new DesiredService(
          name, generation, document.resource(), document.specHash(), List.of(), document.canonicalJson());
    }
    return new DesiredService(
        name, generation, null, null, document.problems().stream().map(Problem::toString).toList(), null);
  }

  public boolean valid() {
    return resource != null;
  }

  /**
   * What the scheduler is to run for a valid document: the resource with the spec hash computed
   * here, which the scheduler stores as is (nothing recomputes it).
   */
  public Target target() {
    if (!valid()) {
      throw new IllegalStateException("the document of " + name + " is invalid; it has no target: " + String.join("; ", errors));
    }
    return canonicalJson == null
        ? Target.of(specHash, generation, resource)
        : Target.of(specHash, generation, resource, canonicalJson);
  }
}
