package io.drover.mesoslocal;

import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;

/** Already-encoded JSON that {@link JsonWriter} copies as is, e.g. a protobuf message in Mesos's JSON form. */
record RawJson(String json) {

  static RawJson of(Message message) {
    return new RawJson(new String(MediaType.JSON.encode(message), StandardCharsets.UTF_8));
  }
}
