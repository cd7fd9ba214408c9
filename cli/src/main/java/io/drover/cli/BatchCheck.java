package io.drover.cli;

import io.drover.api.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a batch of documents as a whole before anything is written: each must be valid, and no
 * two may name the same service.
 */
final class BatchCheck {

  private BatchCheck() {}

  /** The batch with duplicate names turned into problems of the later documents. */
  static List<SourceDocument> withDuplicatesMarked(List<SourceDocument> docs) {
    Map<String, String> firstSource = new HashMap<>();
    List<SourceDocument> checked = new ArrayList<>(docs.size());
    for (SourceDocument doc : docs) {
      String name = doc.name();
      String earlier = name == null ? null : firstSource.putIfAbsent(name, doc.label());
      checked.add(earlier == null ? doc : doc.withProblem(Problem.invalid("metadata.name",
          "\"" + name + "\"", "service " + name + " is also defined in " + earlier
              + ": each service may appear once")));
    }
    return checked;
  }

  /** Every problem of every invalid document, one line each. */
  static List<String> problems(List<SourceDocument> docs) {
    List<String> lines = new ArrayList<>();
    for (SourceDocument doc : docs) {
      lines.addAll(doc.problemLines());
    }
    return lines;
  }

  /** How many documents are invalid. */
  static long invalidCount(List<SourceDocument> docs) {
    return docs.stream().filter(d -> !d.valid()).count();
  }
}
