package io.drover.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.List;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Splits a source into raw documents. JSON is recognised by its first significant character
 * ({@code {}), everything else is read as YAML (which may hold several documents).
 */
final class SourceReader {
  private SourceReader() {}

  static List<RawDocument> read(byte[] content) {
    if (content.length > DocumentLimits.MAX_SOURCE_BYTES) {
      return List.of(RawDocument.unreadable(0, DocumentLimits.sourceTooLarge(content.length)));
    }
    String text;
    try {
      text = decode(content);
    } catch (IOException e) {
      return List.of(
          RawDocument.unreadable(
              0,
              Problem.at(
                  "",
                  "not readable as UTF-8 (or UTF-16/32 with a byte order mark) text: "
                      + e.getMessage())));
    }
    return firstSignificant(text) == '{' ? JsonSource.read(content) : YamlSource.read(text);
  }

  /** Decodes by byte order mark, UTF-8 by default; malformed input is an error, not replaced. */
  private static String decode(byte[] content) throws IOException {
    try (Reader r = new UnicodeReader(new ByteArrayInputStream(content))) {
      StringWriter w = new StringWriter(content.length);
      r.transferTo(w);
      return w.toString();
    }
  }

  private static int firstSignificant(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c;
      }
    }
    return -1;
  }
}
