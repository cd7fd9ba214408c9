package io.drover.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report: one object per scenario, keyed by scenario name, in the order they ran.
 *
 * <p>A scenario with one case carries that case's fields at the top of its object (for example
 * {@code "zk-baseline": {"p50_ms": 0.4, "p99_ms": 1.1, ...}}); one with several carries them as
 * {@code "cases": [{"case": "...", ...}]}. Every object also holds {@code targets} (each
 * {@code target}, {@code measured}, {@code met}), {@code configuration}, {@code machine} and
 * {@code started_at}; a failed scenario holds {@code error} instead of measurements.
 */
final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule().addSerializer(Double.class, new PlainDoubles()));

  private ReportJson() {}

  /** The report as a tree of maps and lists, in the shape described above. */
  public static Map<String, Object> tree(List<ReportEntry> entries) {
    Map<String, Object> report = new LinkedHashMap<>();
    for (ReportEntry entry : entries) {
      report.put(entry.result().scenario(), scenario(entry));
    }
    return report;
  }

  /** Writes the report to {@code file}, replacing it. */
  public static void write(List<ReportEntry> entries, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, MAPPER.writeValueAsBytes(tree(entries)));
  }

  private static Map<String, Object> scenario(ReportEntry entry) {
    ScenarioResult r = entry.result();
    Map<String, Object> m = new LinkedHashMap<>();
    if (!r.ok()) {
      m.put("error", r.error());
    } else if (r.cases().size() == 1) {
      m.putAll(r.cases().get(0).fields());
    } else {
      m.put("cases", r.cases().stream().map(ReportJson::caseObject).toList());
    }
    m.put("targets", r.targets().stream().map(ReportJson::targetObject).toList());
    m.put("configuration", r.configuration());
    m.put("machine", entry.machine().fields());
    m.put("started_at", entry.startedAt().toString());
    return m;
  }

  private static Map<String, Object> targetObject(TargetCheck t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", t.target());
    m.put("measured", t.measured());
    m.put("met", t.met());
    return m;
  }

  /**
   * Doubles as plain decimals with a fraction ({@code 10000000.0}, {@code 0.00001}) rather than
   * Jackson's exponent form ({@code 1.0E7}, {@code 1.0E-5}), as the report's table shows them.
   */
  static final class PlainDoubles extends StdSerializer<Double> {

    PlainDoubles() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
      if (!Double.isFinite(value)) {
        out.writeNumber(value);
        return;
      }
      String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
      out.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
  }

  private static Map<String, Object> caseObject(Measurement c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case", c.label());
    m.putAll(c.fields());
    return m;
  }
}
