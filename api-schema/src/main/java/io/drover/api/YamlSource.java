package io.drover.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads the documents of a YAML stream safely: SnakeYAML only composes node graphs (no object
 * construction, so no tag can instantiate a class), with bounded aliases, nesting and size; {@link
 * YamlTreeBuilder} then checks tags and duplicate keys. Empty documents are skipped.
 */
final class YamlSource {
  /** SnakeYAML's message when the tag inspector refuses a tag. */
  private static final String GLOBAL_TAG = "Global tag is not allowed:";

  private YamlSource() {}

  static List<RawDocument> read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(DocumentLimits.MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(DocumentLimits.MAX_NESTING_DEPTH);
    options.setCodePointLimit(DocumentLimits.MAX_SOURCE_BYTES);
    options.setTagInspector(tag -> false);
    options.setProcessComments(false);
    Composer composer =
        new Composer(
            new ParserImpl(new StreamReader(new StringReader(text)), options),
            new CoreSchemaResolver(),
            options);
    List<RawDocument> docs = new ArrayList<>();
    try {
      while (composer.checkNode()) {
        Node root = composer.getNode();
        if (isEmpty(root)) {
          continue;
        }
        docs.add(toDocument(docs.size(), root, text));
      }
    } catch (MarkedYAMLException e) {
      docs.add(RawDocument.unreadable(docs.size(), Problem.at("", syntaxError(e))));
    } catch (YAMLException e) {
      docs.add(RawDocument.unreadable(docs.size(), Problem.at("", readError(e))));
    }
    return docs;
  }

  private static RawDocument toDocument(int index, Node root, String text) {
    long bytes = utf8Bytes(text, root.getStartMark(), root.getEndMark());
    if (bytes > DocumentLimits.MAX_DOCUMENT_BYTES) {
      return RawDocument.unreadable(index, DocumentLimits.documentTooLarge(bytes));
    }
    YamlTreeBuilder builder = new YamlTreeBuilder();
    JsonNode tree = builder.build(root);
    return tree == null
        ? RawDocument.unreadable(index, builder.problems())
        : RawDocument.parsed(index, tree);
  }

  private static boolean isEmpty(Node root) {
    return root instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.getValue().isEmpty();
  }

  /** Bytes between two marks (code point indexes) once encoded as UTF-8. */
  private static long utf8Bytes(String text, Mark start, Mark end) {
    int total = text.codePointCount(0, text.length());
    int first = Math.min(start.getIndex(), total);
    int last = Math.max(first, Math.min(end.getIndex(), total));
    int from = text.offsetByCodePoints(0, first);
    int to = text.offsetByCodePoints(from, last - first);
    return text.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
  }

  private static String syntaxError(MarkedYAMLException e) {
    Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String where = m == null ? "" : "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
    if (what.startsWith(GLOBAL_TAG)) {
      String tag = what.substring(GLOBAL_TAG.length()).trim().replace(Tag.PREFIX, "!!");
      return "the tag " + tag + " (" + where + ") is not allowed; only plain YAML values are";
    }
    String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
    return "YAML syntax error" + (where.isEmpty() ? "" : " at " + where) + ": " + what + context;
  }

  private static String readError(YAMLException e) {
    String what = String.valueOf(e.getMessage());
    if (what.startsWith("Number of aliases")) {
      return "too many aliases: at most "
          + DocumentLimits.MAX_COLLECTION_ALIASES
          + " aliases to lists or mappings are allowed; write the document out plainly";
    }
    if (what.startsWith("Nesting Depth exceeded")) {
      return DocumentLimits.TOO_DEEP;
    }
    return "cannot read YAML: " + what;
  }
}
