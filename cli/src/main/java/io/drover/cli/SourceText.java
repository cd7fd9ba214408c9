package io.drover.cli;

import java.nio.charset.StandardCharsets;

/**
 * One document read from a file or standard input, not checked yet: where it came from, its text
 * exactly as written and the service it names ({@link DocumentSources#texts}).
 *
 * @param label where, for messages, as {@link SourceDocument#label}
 * @param text the document's own text, without separators: what {@code apply} would store
 * @param name the {@code metadata.name} it gives
 */
record SourceText(String label, String text, String name) {

  byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
