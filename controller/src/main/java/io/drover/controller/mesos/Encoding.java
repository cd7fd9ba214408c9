package io.drover.controller.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The media type spoken with the master: protobuf (the default, compact) or JSON (readable on the
 * wire). Both decoders tolerate fields and enum values newer than the 1.11 protos, because a real
 * Mesos 1.11 master already sends a capability those protos do not define.
 */
public enum Encoding {
  PROTOBUF("application/x-protobuf") {
    @Override
    byte[] encode(Call call) {
      return call.toByteArray();
    }

    @Override
    Event decode(byte[] record) throws InvalidProtocolBufferException {
      // proto2 keeps unknown fields and unknown enum values in the unknown-field set.
      return Event.parseFrom(record);
    }
  },

  JSON("application/json") {
    // Mesos parses proto field names (snake_case), not the lowerCamelCase JsonFormat prints by default.
    private final JsonFormat.Printer printer =
        JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();

    @Override
    byte[] encode(Call call) {
      try {
        return printer.print(call).getBytes(StandardCharsets.UTF_8);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a Call built from protos cannot fail to print as JSON", e);
      }
    }

    @Override
    Event decode(byte[] record) throws InvalidProtocolBufferException {
      Event.Builder event = Event.newBuilder();
      parser.merge(new String(record, StandardCharsets.UTF_8), event);
      return event.buildPartial();
    }
  };

  private final String mediaType;

  Encoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The value of the Content-Type and Accept headers. */
  public String mediaType() {
    return mediaType;
  }

  abstract byte[] encode(Call call);

  abstract Event decode(byte[] record) throws InvalidProtocolBufferException;
}
