package io.drover.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a JSON source: exactly one object, duplicate keys rejected, at most one document's size,
 * bounded nesting. Numbers are kept exact (BigDecimal) so validation sees what the user wrote.
 */
final class JsonSource {
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    STRICT
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(DocumentLimits.MAX_NESTING_DEPTH)
                .build());
  }

  private JsonSource() {}

  static List<RawDocument> read(byte[] content) {
    return read(content, DocumentLimits.MAX_DOCUMENT_BYTES);
  }

  /** Like {@link #read(byte[])} with another size limit (a stored canonical form may be larger than a document). */
  static List<RawDocument> read(byte[] content, int maxBytes) {
    if (content.length > maxBytes) {
      return List.of(
          RawDocument.unreadable(0, DocumentLimits.documentTooLarge(content.length)));
    }
    try {
      return List.of(RawDocument.parsed(0, STRICT.readTree(content)));
    } catch (JsonParseException e) {
      return List.of(RawDocument.unreadable(0, problemOf(e)));
    } catch (MismatchedInputException e) {
      // The only mismatch a tree read can hit: more content after the first value.
      return List.of(
          RawDocument.unreadable(
              0,
              Problem.at(
                  "",
                  "JSON syntax error at "
                      + where(e.getLocation())
                      + ": a JSON source holds one document; use YAML (documents separated by ---)"
                      + " for several")));
    } catch (StreamConstraintsException e) {
      return List.of(RawDocument.unreadable(0, Problem.at("", DocumentLimits.TOO_DEEP)));
    } catch (IOException e) {
      return List.of(
          RawDocument.unreadable(0, Problem.at("", "cannot read JSON: " + e.getMessage())));
    }
  }

  private static Problem problemOf(JsonParseException e) {
    String at = "";
    JsonParser parser = e.getProcessor();
    if (parser != null && parser.getParsingContext() != null) {
      at = pathOf(parser.getParsingContext());
    }
    String where = where(e.getLocation());
    String what = e.getOriginalMessage();
    if (what != null && what.startsWith("Duplicate field")) {
      return Problem.at(at, "duplicate key (" + where + "); write each key once");
    }
    return Problem.at(
        "", "JSON syntax error" + (where.isEmpty() ? "" : " at " + where) + ": " + firstLine(what));
  }

  private static String pathOf(JsonStreamContext context) {
    Deque<Object> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.addFirst(Math.max(c.getCurrentIndex(), 0));
      } else if (c.getCurrentName() != null) {
        segments.addFirst(c.getCurrentName());
      }
    }
    return FieldPath.of(new ArrayList<>(segments)).toString();
  }

  private static String where(JsonLocation loc) {
    return loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
