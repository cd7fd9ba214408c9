package io.drover.cli;

import io.drover.api.LoadedDocument;
import io.drover.api.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One document read from a file or standard input: where it came from, its text exactly as
 * written, and what loading it gave.
 *
 * @param label where, for messages: {@code dir/hello.yaml}, or {@code all.yaml (document 2)}
 * @param text the document's own text, without separators
 * @param loaded the validated, defaulted document or its problems
 */
record SourceDocument(String label, String text, LoadedDocument loaded) {

  boolean valid() {
    return loaded.valid();
  }

  /** The service name, or null when the document does not name one. */
  String name() {
    return loaded.name();
  }

  byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A source that could not be read or split at all. */
  static SourceDocument unreadable(String label, String message) {
    return new SourceDocument(label, "",
        new LoadedDocument(label, 0, null, null, List.of(Problem.at("", message))));
  }

  /** This document, additionally invalid because of {@code problem}. */
  SourceDocument withProblem(Problem problem) {
    List<Problem> problems = new java.util.ArrayList<>(loaded.problems());
    problems.add(problem);
    return new SourceDocument(label, text, new LoadedDocument(
        loaded.source(), loaded.index(), loaded.name(), null, problems));
  }

  /** Every problem, one per line, prefixed by the label. */
  List<String> problemLines() {
    return loaded.problems().stream().map(p -> label + ": " + p).toList();
  }
}
