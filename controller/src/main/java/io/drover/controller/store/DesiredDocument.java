package io.drover.controller.store;

import io.drover.api.LoadedDocument;
import io.drover.api.Problem;
import io.drover.api.Services;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.zookeeper.data.Stat;

/**
 * One desired {@code Service} document as stored under {@code ROOT/services/NAME}: the text as
 * written (by the CLI, a pipeline or zkCli by hand), its generation and what parsing it gave.
 *
 * <p>Decoding never fails: a node holding invalid YAML, an invalid Service, several documents, no
 * document, or a document whose {@code metadata.name} is not the node's name yields a document
 * whose {@link #loaded()} carries the problems, so readers can report it (phase Invalid) instead
 * of crashing.
 *
 * @param name the node name, which is the service name
 * @param text the stored content as written (UTF-8)
 * @param generation the node's version: 0 when created, +1 on every write
 * @param created when the node was created (its ctime)
 * @param modified when the node was last written (its mtime)
 * @param loaded the parsed, validated and defaulted document, or its problems
 */
public record DesiredDocument(
    String name, String text, long generation, Instant created, Instant modified,
    LoadedDocument loaded) {

  /** True when the stored document is a valid Service named like its node. */
  public boolean valid() {
    return loaded.valid();
  }

  /**
   * Decodes a node's content. {@code source} names the node in problems, usually its path.
   */
  public static DesiredDocument decode(String source, String name, byte[] data, Stat stat) {
    return decode(source, name, data, stat, Services::load);
  }

  /**
   * Decodes a node's content that this build's validator found valid already, as a status's
   * check of exactly this version records ({@link Services#loadKnownValid}): the same document
   * {@link #decode} gives, without repeating the checks ({@link StoredNode#decode(StatusDocument)}
   * decides when).
   */
  static DesiredDocument decodeKnownValid(String source, String name, byte[] data, Stat stat) {
    return decode(source, name, data, stat, Services::loadKnownValid);
  }

  private static DesiredDocument decode(String source, String name, byte[] data, Stat stat,
      BiFunction<String, byte[], List<LoadedDocument>> loader) {
    if (data == null) {
      data = new byte[0]; // a node created without data (zkCli create PATH)
    }
    LoadedDocument loaded;
    if (data.length == 0) {
      loaded = invalid(source, name, "the node holds no data: write a Service document into it"
          + " (drover apply -f FILE) or delete it (drover delete service " + name + ")");
    } else {
      List<LoadedDocument> docs = loader.apply(source, data);
      loaded = docs.size() == 1 ? checkName(docs.get(0), name)
          : invalid(source, name, "the node holds " + docs.size()
              + " documents: a service node holds exactly one Service document");
    }
    if (stat.getNumChildren() > 0) {
      loaded = withChildren(loaded, name, stat.getNumChildren());
    }
    return new DesiredDocument(name, new String(data, StandardCharsets.UTF_8), stat.getVersion(),
        Instant.ofEpochMilli(stat.getCtime()), Instant.ofEpochMilli(stat.getMtime()), loaded);
  }

  private static LoadedDocument checkName(LoadedDocument doc, String nodeName) {
    if (doc.name() == null || doc.name().equals(nodeName)) {
      return doc;
    }
    List<Problem> problems = new ArrayList<>(doc.problems());
    problems.add(0, Problem.invalid("metadata.name", quoted(doc.name()),
        "must equal the name of its node, \"" + nodeName
            + "\": rename the node or fix metadata.name"));
    return new LoadedDocument(doc.source(), doc.index(), doc.name(), null, problems);
  }

  /** A service is one node: nodes under it mean it was taken for a directory. */
  private static LoadedDocument withChildren(LoadedDocument doc, String name, int children) {
    List<Problem> problems = new ArrayList<>(doc.problems());
    problems.add(Problem.at("", "the node has " + children + " node(s) under it: a service is a single node holding"
        + " its document, and nodes under it are not read; move them away, or drover delete service " + name
        + " removes the node with everything under it"));
    return new LoadedDocument(doc.source(), doc.index(), doc.name(), null, problems);
  }

  private static LoadedDocument invalid(String source, String name, String message) {
    return new LoadedDocument(source, 0, name, null, List.of(Problem.at("", message)));
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
