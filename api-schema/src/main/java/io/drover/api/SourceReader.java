package io.drover.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
    return firstSignificant(text) == '{' ? JsonSource.read(text.getBytes(StandardCharsets.UTF_8)) : YamlSource.read(text);
  }

  /**
   * Decodes by byte order mark (UTF-32 before UTF-16, whose little-endian mark is a prefix of
   * UTF-32's), UTF-8 by default; the mark is dropped, and malformed input is an error, not replaced.
   */
  static String decode(byte[] content) throws IOException {
    Charset charset = StandardCharsets.UTF_8;
    int mark = 0;
    if (startsWith(content, 0x00, 0x00, 0xFE, 0xFF)) {
      charset = Charset.forName("UTF-32BE");
      mark = 4;
    } else if (startsWith(content, 0xFF, 0xFE, 0x00, 0x00)) {
      charset = Charset.forName("UTF-32LE");
      mark = 4;
    } else if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
      mark = 3;
    } else if (startsWith(content, 0xFE, 0xFF)) {
      charset = StandardCharsets.UTF_16BE;
      mark = 2;
    } else if (startsWith(content, 0xFF, 0xFE)) {
      charset = StandardCharsets.UTF_16LE;
      mark = 2;
    }
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, mark, content.length - mark))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("malformed " + charset.name() + " input", e);
    }
  }

  private static boolean startsWith(byte[] content, int... mark) {
    if (content.length < mark.length) {
      return false;
    }
    for (int i = 0; i < mark.length; i++) {
      if ((content[i] & 0xFF) != mark[i]) {
        return false;
      }
    }
    return true;
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
