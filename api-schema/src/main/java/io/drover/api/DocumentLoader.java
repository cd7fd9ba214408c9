package io.drover.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.model.ServiceResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pipeline behind {@link Services#load}: parse, check the schema, bind what can be bound, check
 * the semantic rules, apply defaults. Every problem of a document is collected, none stops the
 * others from being found. Stateless and thread-safe.
 */
final class DocumentLoader {
  private static final Comparator<Problem> BY_PATH =
      Comparator.comparing(Problem::path).thenComparing(Problem::message);

  private DocumentLoader() {}

  static List<LoadedDocument> load(String source, byte[] content) {
    return load(source, SourceReader.read(content));
  }

  /** A canonical JSON form as {@link Services#canonicalJson} writes it: up to the expanded limit. */
  static LoadedDocument loadCanonical(String source, byte[] json) {
    return load(source, JsonSource.read(json, DocumentLimits.MAX_EXPANDED_BYTES)).get(0);
  }

  /**
   * A document this build's validator found valid already: parsed, bound and defaulted, without the
   * schema check, the rules or the canonical form, which cannot change that verdict. Content that
   * does not read as one bindable document gets the full {@link #load} instead.
   */
  static List<LoadedDocument> loadKnownValid(String source, byte[] content) {
    List<RawDocument> raw = SourceReader.read(content);
    if (raw.size() == 1 && raw.get(0).tree() != null && raw.get(0).tree().isObject()) {
      JsonNode tree = raw.get(0).tree();
      TreeEdits.dropNullEntries(tree);
      List<Problem> problems = new ArrayList<>();
      ServiceResource written = bind(tree, problems);
      if (written != null && problems.isEmpty()) {
        return List.of(new LoadedDocument(source, 0, written.name(), Defaults.apply(written), List.of()));
      }
    }
    return load(source, content);
  }

  private static List<LoadedDocument> load(String source, List<RawDocument> raw) {
    if (raw.isEmpty()) {
      return List.of(
          new LoadedDocument(
              source,
              0,
              null,
              null,
              List.of(
                  Problem.at(
                      "",
                      "no document found; expected a Service document (apiVersion: drover.io/v1,"
                          + " kind: Service)"))));
    }
    List<LoadedDocument> out = new ArrayList<>(raw.size());
    for (RawDocument r : raw) {
      out.add(
          r.tree() == null
              ? new LoadedDocument(source, r.index(), null, null, sorted(r.problems()))
              : check(source, r.index(), r.name(), r.tree()));
    }
    return out;
  }

  private static LoadedDocument check(String source, int index, String name, JsonNode tree) {
    TreeEdits.dropNullEntries(tree);
    List<Problem> problems = new ArrayList<>();
    List<SchemaFinding> findings = SchemaCheck.check(tree);
    findings.forEach(f -> problems.add(f.problem()));
    ServiceResource written = null;
    if (tree.isObject()) {
      findings.stream()
          .filter(SchemaFinding::prune)
          .forEach(f -> TreeEdits.remove(tree, f.location()));
      written = bind(tree, problems);
    }
    if (written != null) {
      for (SemanticRule rule : SemanticRule.all()) {
        rule.check(written, problems);
      }
    }
    if (!problems.isEmpty()) {
      return new LoadedDocument(source, index, name, null, sorted(problems));
    }
    ServiceResource defaulted = Defaults.apply(written);
    // One canonical tree gives the stored form, its size and the spec hash (the hash's part last: it edits the tree).
    JsonNode canonical = CanonicalForm.tree(defaulted);
    String json = CanonicalForm.json(canonical);
    long expanded = DocumentLimits.expandedBytes(json);
    if (expanded > DocumentLimits.MAX_EXPANDED_BYTES) {
      return new LoadedDocument(source, index, name, null, List.of(DocumentLimits.expandedTooLarge(expanded)));
    }
    return new LoadedDocument(source, index, name, defaulted, List.of(),
        new LoadedDocument.Canonical(json, CanonicalForm.specHash(canonical.get("spec"))));
  }

  /** The model of a schema-checked (and pruned) tree, or null when it cannot be bound. */
  private static ServiceResource bind(JsonNode tree, List<Problem> problems) {
    try {
      return Mappers.BINDER.treeToValue(tree, ServiceResource.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // Pruning leaves only well-typed values, so this is a schema/model mismatch, not bad input.
      if (problems.isEmpty()) {
        problems.add(Problem.at("", "cannot read the document: " + e.getMessage()));
      }
      return null;
    }
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream().distinct().sorted(BY_PATH).toList();
  }
}
