package io.drover.mesoslocal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Prints a protobuf message as Mesos's JSON ({@code JSON::protobuf} in stout/protobuf.hpp): proto
 * field names in declaration order, the fields that are set plus unset ones with an explicit
 * non-deprecated default (stout prints those with their default), enums by name, bytes in base64,
 * and 64-bit integers as JSON numbers (where protobuf's own JSON mapping would quote them).
 */
final class MesosJson {

  private MesosJson() {}

  static String print(Message message) {
    StringBuilder out = new StringBuilder();
    message(out, message);
    return out.toString();
  }

  private static void message(StringBuilder out, Message message) {
    out.append('{');
    boolean first = true;
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (!printed(message, field)) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      Object value = message.getField(field);
      JsonWriter.appendString(out, field.getName());
      out.append(':');
      if (field.isMapField()) {
        map(out, field, (List<?>) value);
      } else if (field.isRepeated()) {
        out.append('[');
        List<?> values = (List<?>) value;
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          value(out, field, values.get(i));
        }
        out.append(']');
      } else {
        value(out, field, value);
      }
    }
    out.append('}');
  }

  /**
   * Whether stout prints the field: a repeated one with elements, a singular one that is set or
   * that has an explicit, non-deprecated default ({@code [default = ...]}) in the .proto.
   */
  private static boolean printed(Message message, FieldDescriptor field) {
    if (field.isRepeated()) {
      return message.getRepeatedFieldCount(field) > 0;
    }
    return message.hasField(field) || (field.hasDefaultValue() && !field.getOptions().getDeprecated());
  }

  private static void map(StringBuilder out, FieldDescriptor field, List<?> entries) {
    FieldDescriptor key = field.getMessageType().findFieldByName("key");
    FieldDescriptor value = field.getMessageType().findFieldByName("value");
    out.append('{');
    for (int i = 0; i < entries.size(); i++) {
      Message entry = (Message) entries.get(i);
      if (i > 0) {
        out.append(',');
      }
      JsonWriter.appendString(out, String.valueOf(entry.getField(key)));
      out.append(':');
      value(out, value, entry.getField(value));
    }
    out.append('}');
  }

  private static void value(StringBuilder out, FieldDescriptor field, Object value) {
    switch (field.getJavaType()) {
      case MESSAGE:
        message(out, (Message) value);
        break;
      case ENUM:
        JsonWriter.appendString(out, ((EnumValueDescriptor) value).getName());
        break;
      case STRING:
        JsonWriter.appendString(out, (String) value);
        break;
      case BYTE_STRING:
        JsonWriter.appendString(out, Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
        break;
      case INT:
        out.append(field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32
            ? Integer.toUnsignedString((Integer) value) : value.toString());
        break;
      case LONG:
        out.append(field.getType() == FieldDescriptor.Type.UINT64 || field.getType() == FieldDescriptor.Type.FIXED64
            ? Long.toUnsignedString((Long) value) : value.toString());
        break;
      case DOUBLE:
      case FLOAT:
        out.append(JsonWriter.decimal(((Number) value).doubleValue()));
        break;
      default:
        out.append(value);
    }
  }
}
