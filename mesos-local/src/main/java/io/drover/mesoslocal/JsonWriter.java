package io.drover.mesoslocal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as compact JSON (for {@code /state}). */
final class JsonWriter {

  private static final MathContext SIGNIFICANT = new MathContext(15);

  private JsonWriter() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof RawJson raw) {
      out.append(raw.json());
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Number n) {
      out.append(decimal(n.doubleValue()));
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        append(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object o : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        append(out, o);
      }
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  /**
   * A double as Mesos prints it (stout's {@code %#.15g} with the trailing zeros cut): 15
   * significant digits, always with a fraction ({@code 60.0}, not {@code 60}); and always plain,
   * where Java's {@code Double.toString} would switch to an exponent ({@code 12345678.5}, not
   * {@code 1.23456785E7}). A value that is not finite has no JSON form and is written as null.
   */
  static String decimal(double d) {
    if (!Double.isFinite(d)) {
      return "null";
    }
    if (d == 0) {
      return "0.0";
    }
    String plain = new BigDecimal(d).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }

  /** Appends {@code s} as a JSON string literal. */
  static void appendString(StringBuilder out, String s) {
    string(out, s);
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
