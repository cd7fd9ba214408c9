package io.drover.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured case of a scenario (for example "10,000 docs, no-op re-sync"): named fields in the
 * order they are reported. Values are numbers, booleans or strings; durations are rounded to the
 * microsecond, rates to a tenth, so that reports stay readable.
 *
 * @param label what this case measured, for the table
 * @param fields the measured values, by the field names of the JSON report
 */
record Measurement(String label, Map<String, Object> fields) {

  public Measurement {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A builder for the case called {@code label}. */
  public static Builder of(String label) {
    return new Builder(label);
  }

  /** The value of {@code field} as a number; fails when it is missing or not a number. */
  public double number(String field) {
    Object value = fields.get(field);
    if (!(value instanceof Number n)) {
      throw new IllegalStateException(label + " has no numeric field " + field);
    }
    return n.doubleValue();
  }

  /** Collects fields in order; not thread-safe. */
  public static final class Builder {
    private final String label;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String label) {
      this.label = label;
    }

    /** A duration in milliseconds, to the microsecond. */
    public Builder millis(String field, long nanos) {
      fields.put(field, Math.round(nanos / 1_000.0) / 1_000.0);
      return this;
    }

    /** A duration in seconds, to the millisecond. */
    public Builder seconds(String field, long nanos) {
      fields.put(field, Math.round(nanos / 1_000_000.0) / 1_000.0);
      return this;
    }

    /** {@code count} per second over {@code nanos}, to a tenth. */
    public Builder rate(String field, long count, long nanos) {
      fields.put(field, Math.round(count * 1e10 / Math.max(1, nanos)) / 10.0);
      return this;
    }

    /** p50 and p99 in milliseconds, as {@code <prefix>p50_ms} and {@code <prefix>p99_ms}. */
    public Builder percentiles(String prefix, Percentiles p) {
      return millis(prefix + "p50_ms", p.p50Nanos()).millis(prefix + "p99_ms", p.p99Nanos());
    }

    /** Any other value: a count, a ratio, a flag. */
    public Builder value(String field, Object value) {
      fields.put(field, value);
      return this;
    }

    public Measurement build() {
      return new Measurement(label, fields);
    }
  }
}
