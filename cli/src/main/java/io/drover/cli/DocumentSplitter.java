package io.drover.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multi-document YAML stream into the text of each document, so that each is stored
 * exactly as written. A line is a separator when it starts with {@code ---} followed by the end of
 * the line or a space (the YAML rule; such a line also ends a block scalar), or is exactly
 * {@code ...}. Content after {@code --- } on the same line belongs to the next document. JSON text
 * never contains such a line, so JSON passes through as one document.
 */
final class DocumentSplitter {

  private DocumentSplitter() {}

  /**
   * The documents' texts in order, without separators; stretches holding only blank lines and
   * comments are left out, as a YAML parser skips them.
   */
  static List<String> split(String text) {
    List<String> docs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("(?<=\n)", -1)) {
      String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
      bare = bare.endsWith("\r") ? bare.substring(0, bare.length() - 1) : bare;
      if (isStart(bare)) {
        flush(docs, current);
        String rest = bare.substring(3).strip();
        if (!rest.isEmpty()) {
          current.append(rest).append('\n');
        }
      } else if (bare.equals("...")) {
        flush(docs, current);
      } else {
        current.append(line);
      }
    }
    flush(docs, current);
    return docs;
  }

  private static boolean isStart(String line) {
    return line.startsWith("---") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)));
  }

  private static void flush(List<String> docs, StringBuilder current) {
    String doc = current.toString();
    if (doc.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"))) {
      docs.add(doc);
    }
    current.setLength(0);
  }
}
