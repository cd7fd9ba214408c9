package io.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes what {@code drover get -o yaml|json} prints readable as input again, as kubectl does: the
 * fields the server writes ({@code status}, {@code metadata.generation}, {@code
 * metadata.creationTimestamp}) are dropped, and a {@code List} (several services printed at once)
 * becomes its items. A document with none of them is left exactly as written; one with them is
 * re-serialized in its own format (YAML stays YAML, JSON stays JSON; comments are dropped).
 */
final class ServerFields {

  private static final List<String> METADATA = List.of("generation", "creationTimestamp");

  /**
   * Words that a document with a server field or of kind List holds in its text: {@code status},
   * {@code generation}, {@code creationTimestamp}, {@code List}, or else an escape sequence, the
   * only way to spell them without these letters (YAML's double quotes, JSON's strings).
   */
  private static final List<String> TELLTALES =
      List.of("status", "generation", "creationTimestamp", "List", "\\");

  private ServerFields() {}

  /** The document without server fields: itself, the cleaned document, or a List's items. */
  static List<SourceDocument> clean(SourceDocument doc) {
    if (!mayHold(doc.text())) {
      return List.of(doc); // nothing to clean: spares parsing the text again
    }
    boolean json = OwnFormat.isJson(doc.text());
    ObjectMapper mapper = OwnFormat.mapperFor(doc.text());
    JsonNode tree;
    try {
      tree = mapper.readTree(doc.text());
    } catch (IOException | RuntimeException e) {
      return List.of(doc); // the loader has already said what is wrong with it
    }
    if (!(tree instanceof ObjectNode object)) {
      return List.of(doc);
    }
    if (isList(object)) {
      List<SourceDocument> items = new ArrayList<>();
      JsonNode list = object.get("items");
      for (int i = 0; i < list.size(); i++) {
        String label = doc.label() + " (item " + (i + 1) + ")";
        items.add(list.get(i) instanceof ObjectNode item
            ? reload(label, strip(item), mapper, json)
            : SourceDocument.unreadable(label, "a List's items must be Service objects"));
      }
      return items;
    }
    if (!hasServerFields(object)) {
      return List.of(doc);
    }
    return List.of(reload(doc.label(), strip(object), mapper, json));
  }

  /**
   * Whether {@code text} may hold a server field or be a List: false means {@link #clean} leaves
   * its document as it is.
   */
  static boolean mayHold(String text) {
    return TELLTALES.stream().anyMatch(text::contains);
  }

  private static boolean isList(ObjectNode object) {
    return "List".equals(object.path("kind").asText()) && object.path("items").isArray();
  }

  private static boolean hasServerFields(ObjectNode object) {
    JsonNode metadata = object.path("metadata");
    return object.has("status") || METADATA.stream().anyMatch(metadata::has);
  }

  private static ObjectNode strip(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove("status");
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove(METADATA);
    }
    return copy;
  }

  private static SourceDocument reload(String label, ObjectNode object, ObjectMapper mapper,
      boolean json) {
    String text;
    try {
      text = mapper.writeValueAsString(object) + (json ? "\n" : "");
    } catch (IOException e) {
      throw new IllegalStateException("a tree just read always serializes", e);
    }
    List<LoadedDocument> loaded = Services.load(label, text.getBytes(StandardCharsets.UTF_8));
    return new SourceDocument(label, text, loaded.get(0));
  }
}
