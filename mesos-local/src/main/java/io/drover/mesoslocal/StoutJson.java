package io.drover.mesoslocal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

/**
 * Parses a JSON request body into a protobuf message exactly as the master does
 * ({@code protobuf::parse} in stout/protobuf.hpp), which is stricter than protobuf's JSON mapping
 * in some ways and more lenient in others: only proto field names count (a lowerCamelCase name is
 * an unknown field, and unknown fields are ignored); enums must be names (an unknown name leaves an
 * optional field unset); numbers, booleans and 64-bit integers may also be written as strings;
 * a single value may stand for a repeated field; {@code null} leaves a field unset; bytes are
 * base64. Required fields are checked by the caller.
 */
final class StoutJson {

  /** Why a body is not a Call, in stout's words. */
  static final class ParseException extends Exception {
    ParseException(String message) {
      super(message);
    }
  }

  private StoutJson() {}

  /** Merges {@code json} into {@code builder}. */
  static void merge(String json, Message.Builder builder) throws ParseException {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      Throwable why = e.getCause() != null ? e.getCause() : e;
      throw new ParseException("Failed to parse body into JSON: " + why.getMessage());
    }
    if (!root.isJsonObject()) {
      throw new ParseException("Failed to convert JSON into Call protobuf: Expecting a JSON object");
    }
    try {
      object(builder, root.getAsJsonObject());
    } catch (IllegalArgumentException e) {
      throw new ParseException("Failed to convert JSON into Call protobuf: " + e.getMessage());
    }
  }

  private static void object(Message.Builder builder, JsonObject object) {
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      FieldDescriptor field = builder.getDescriptorForType().findFieldByName(e.getKey());
      if (field != null) {
        value(builder, field, e.getValue());
      }
    }
  }

  private static void value(Message.Builder builder, FieldDescriptor field, JsonElement value) {
    if (value.isJsonNull()) {
      return;
    }
    if (value.isJsonArray()) {
      if (!field.isRepeated()) {
        throw new IllegalArgumentException("Not expecting a JSON array for field '" + field.getName() + "'");
      }
      for (JsonElement element : (JsonArray) value) {
        value(builder, field, element);
      }
    } else if (value.isJsonObject()) {
      message(builder, field, value.getAsJsonObject());
    } else {
      primitive(builder, field, value.getAsJsonPrimitive());
    }
  }

  private static void message(Message.Builder builder, FieldDescriptor field, JsonObject object) {
    if (field.getType() != FieldDescriptor.Type.MESSAGE) {
      throw new IllegalArgumentException("Not expecting a JSON object for field '" + field.getName() + "'");
    }
    if (field.isMapField()) {
      for (Map.Entry<String, JsonElement> e : object.entrySet()) {
        Message.Builder entry = builder.newBuilderForField(field);
        FieldDescriptor key = entry.getDescriptorForType().findFieldByNumber(1);
        FieldDescriptor val = entry.getDescriptorForType().findFieldByNumber(2);
        primitive(entry, key, new JsonPrimitive(e.getKey()));
        value(entry, val, e.getValue());
        builder.addRepeatedField(field, entry.build());
      }
    } else if (field.isRepeated()) {
      Message.Builder element = builder.newBuilderForField(field);
      object(element, object);
      builder.addRepeatedField(field, element.buildPartial());
    } else {
      // Merges into what an earlier key set, as stout's MutableMessage does.
      Message.Builder sub = builder.newBuilderForField(field);
      if (builder.hasField(field)) {
        sub.mergeFrom((Message) builder.getField(field));
      }
      object(sub, object);
      builder.setField(field, sub.buildPartial());
    }
  }

  private static void primitive(Message.Builder builder, FieldDescriptor field, JsonPrimitive value) {
    Object converted;
    if (value.isString()) {
      converted = fromString(field, value.getAsString());
      if (converted == null) {
        return; // an unknown name of an optional enum is dropped, as proto2 parsing drops it
      }
    } else if (value.isNumber()) {
      converted = number(field, value.getAsBigDecimal(), "number");
    } else {
      if (field.getType() != FieldDescriptor.Type.BOOL) {
        throw new IllegalArgumentException("Not expecting a JSON boolean for field '" + field.getName() + "'");
      }
      converted = value.getAsBoolean();
    }
    if (field.isRepeated()) {
      builder.addRepeatedField(field, converted);
    } else {
      builder.setField(field, converted);
    }
  }

  private static Object fromString(FieldDescriptor field, String s) {
    switch (field.getType()) {
      case STRING:
        return s;
      case BYTES:
        try {
          return ByteString.copyFrom(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("Failed to base64 decode bytes field '" + field.getName() + "': "
              + e.getMessage());
        }
      case ENUM: {
        EnumValueDescriptor v = field.getEnumType().findValueByName(s);
        if (v == null && field.isRequired()) {
          throw new IllegalArgumentException("Failed to find enum for '" + s + "'");
        }
        return v;
      }
      case DOUBLE:
      case FLOAT:
        if (s.equals("Infinity") || s.equals("-Infinity")) {
          double d = s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
          return field.getType() == FieldDescriptor.Type.FLOAT ? (Object) (float) d : (Object) d;
        }
        return number(field, parseNumber(field, s), "string");
      case BOOL:
        if (s.equals("true") || s.equals("false")) {
          return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("Failed to parse '" + s + "' as a JSON boolean for field '"
            + field.getName() + "'");
      case MESSAGE:
      case GROUP:
        throw new IllegalArgumentException("Not expecting a JSON string for field '" + field.getName() + "'");
      default:
        return number(field, parseNumber(field, s), "string");
    }
  }

  private static BigDecimal parseNumber(FieldDescriptor field, String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Failed to parse '" + s + "' as a JSON number for field '"
          + field.getName() + "'");
    }
  }

  private static Object number(FieldDescriptor field, BigDecimal n, String jsonType) {
    switch (field.getType()) {
      case DOUBLE:
        return n.doubleValue();
      case FLOAT:
        return n.floatValue();
      case INT64:
      case SINT64:
      case SFIXED64:
      case UINT64:
      case FIXED64:
        return n.toBigInteger().longValue();
      case INT32:
      case SINT32:
      case SFIXED32:
      case UINT32:
      case FIXED32:
        return n.toBigInteger().intValue();
      default:
        throw new IllegalArgumentException("Not expecting a JSON " + jsonType + " for field '" + field.getName() + "'");
    }
  }
}
