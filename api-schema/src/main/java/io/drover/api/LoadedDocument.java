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
 */
public record LoadedDocument(
    String source, int index, String name, ServiceResource resource, List<Problem> problems) {

  public LoadedDocument {
    problems = List.copyOf(problems);
    if (problems.isEmpty() == (resource == null)) {
      throw new IllegalArgumentException(
          "a document has a resource exactly when it has no problems");
    }
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
