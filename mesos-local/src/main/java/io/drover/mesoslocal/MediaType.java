package io.drover.mesoslocal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two encodings of the scheduler API. JSON is printed as Mesos prints it ({@link MesosJson}) and
 * parsed with protobuf's JSON mapping, which takes numbers or strings for 64-bit integers and
 * ignores unknown fields (real masters send fields that older protos do not define).
 */
enum MediaType {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private final String value;

  MediaType(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  /** The exact Content-Type, as Mesos compares it; null when it is neither of the two. */
  static MediaType ofContentType(String contentType) {
    for (MediaType t : values()) {
      if (t.value.equals(contentType)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The stream encoding for an {@code Accept} header, JSON first as Mesos prefers it; null when the
   * header accepts neither. A missing header accepts anything.
   */
  static MediaType ofAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    if (accepts(accept, JSON.value)) {
      return JSON;
    }
    return accepts(accept, PROTOBUF.value) ? PROTOBUF : null;
  }

  private static boolean accepts(String header, String type) {
    String main = type.substring(0, type.indexOf('/'));
    for (String range : header.split(",")) {
      String[] params = range.split(";");
      String media = params[0].trim().toLowerCase(Locale.ROOT);
      double q = 1.0;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      boolean matches = media.equals(type) || media.equals(main + "/*") || media.equals("*/*");
      if (matches && q > 0) {
        return true;
      }
    }
    return false;
  }

  byte[] encode(Message message) {
    return this == PROTOBUF ? message.toByteArray() : MesosJson.print(message).getBytes(StandardCharsets.UTF_8);
  }

  /** Parses and checks required fields; the message of the exception says what is wrong. */
  <B extends Message.Builder> B decode(byte[] body, B builder) throws InvalidProtocolBufferException {
    if (this == PROTOBUF) {
      builder.mergeFrom(body);
    } else {
      PARSER.merge(new String(body, StandardCharsets.UTF_8), builder);
    }
    if (!builder.isInitialized()) {
      throw new InvalidProtocolBufferException("missing required fields: " + builder.getInitializationErrorString());
    }
    return builder;
  }
}
