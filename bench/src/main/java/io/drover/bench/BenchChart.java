package io.drover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Turns {@code drover bench --out} reports into two PNG charts with plain Java2D: {@code
 * latency.png}, write to {@code putService} and to status (p50 and p99) against the number of
 * services ({@code reconcile-latency}, log scales), and {@code launch-rate.png}, tasks per second
 * launched by Drover and straight through the API ({@code launch-throughput}, and {@code
 * launch-raw} or, when that did not run, the raw rate launch-throughput measured itself)
 * and services per second deployed ({@code deploy-scale}). Several reports (say before and after a
 * change) are drawn side by side, each labelled with its file name.
 *
 * <p>{@code java -cp dist/target/drover-dev.jar io.drover.bench.BenchChart OUT_DIR REPORT.json...}
 * ({@code bench/chart.sh} runs it).
 */
public final class BenchChart {
  static final int WIDTH = 1000;
  static final int HEIGHT = 520;
  private static final int LEFT = 90;
  private static final int RIGHT = 300;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;
  /** Where a legend's line sample runs (x), and how far above its text's baseline (y). */
  static final int LEGEND_LINE_FROM = WIDTH - RIGHT + 8;
  static final int LEGEND_LINE_TO = WIDTH - RIGHT + 28;
  static final int LEGEND_LINE_RISE = 4;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b)
  };

  /** One report: its label (the file name without .json) and its JSON. */
  record Report(String label, JsonNode json) {}

  private BenchChart() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: BenchChart OUT_DIR REPORT.json [REPORT.json...]: writes OUT_DIR/latency.png "
          + "and OUT_DIR/launch-rate.png from drover bench --out reports");
      System.exit(2);
    }
    List<Report> reports = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path file = Path.of(args[i]);
      if (!Files.isReadable(file)) {
        System.err.println("error: cannot read " + file + ": give reports written by drover bench --out");
        System.exit(2);
      }
      reports.add(new Report(file.getFileName().toString().replaceFirst("\\.json$", ""),
          new ObjectMapper().readTree(file.toFile())));
    }
    for (Path written : write(reports, Path.of(args[0]))) {
      System.out.println("wrote " + written);
    }
  }

  /** Writes both charts into {@code dir}; returns their paths. */
  static List<Path> write(List<Report> reports, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    Path latency = dir.resolve("latency.png");
    Path launch = dir.resolve("launch-rate.png");
    ImageIO.write(latency(reports), "png", latency.toFile());
    ImageIO.write(launchRate(reports), "png", launch.toFile());
    return List.of(latency, launch);
  }

  /** Latency (ms, log) against services (log): one line per report and measure. */
  static BufferedImage latency(List<Report> reports) {
    List<String> names = new ArrayList<>();
    List<double[][]> lines = new ArrayList<>();
    for (Report r : reports) {
      JsonNode cases = r.json().path("reconcile-latency").path("cases");
      for (String field : List.of("put_p50_ms", "put_p99_ms", "status_p50_ms", "status_p99_ms")) {
        List<double[]> points = new ArrayList<>();
        cases.forEach(c -> {
          if (c.has("services") && c.has(field) && c.get(field).asDouble() > 0) {
            points.add(new double[] {c.get("services").asDouble(), c.get(field).asDouble()});
          }
        });
        if (!points.isEmpty()) {
          names.add(r.label() + ": " + field.replace("_ms", "").replace('_', ' '));
          lines.add(points.toArray(double[][]::new));
        }
      }
    }
    BufferedImage img = canvas();
    Graphics2D g = graphics(img);
    title(g, "reconcile-latency: desired write -> putService and -> status");
    double[] xs = lines.stream().flatMap(l -> Arrays.stream(l)).mapToDouble(p -> p[0]).toArray();
    double[] ys = lines.stream().flatMap(l -> Arrays.stream(l)).mapToDouble(p -> p[1]).toArray();
    if (xs.length == 0) {
      g.drawString("no reconcile-latency cases in the reports", LEFT, TOP + 40);
      g.dispose();
      return img;
    }
    LogAxis x = LogAxis.of(xs);
    LogAxis y = LogAxis.of(ys);
    axes(g, "services", "milliseconds");
    x.ticks().forEach(v -> {
      int px = LEFT + (int) (x.fraction(v) * plotWidth());
      g.setColor(Color.GRAY);
      g.drawString(number(v), px - 10, HEIGHT - BOTTOM + 18);
    });
    y.ticks().forEach(v -> {
      int py = HEIGHT - BOTTOM - (int) (y.fraction(v) * plotHeight());
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT, py, WIDTH - RIGHT, py);
      g.setColor(Color.GRAY);
      g.drawString(number(v), LEFT - 50, py + 4);
    });
    for (int i = 0; i < lines.size(); i++) {
      Color c = PALETTE[(i / 2) % PALETTE.length]; // put and status, per report
      boolean dashed = i % 2 == 0; // p50 dashed, p99 solid
      BasicStroke stroke = dashed
          ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
          : new BasicStroke(2.5f);
      g.setColor(c);
      g.setStroke(stroke);
      int prevX = -1;
      int prevY = -1;
      for (double[] p : lines.get(i)) {
        int px = LEFT + (int) (x.fraction(p[0]) * plotWidth());
        int py = HEIGHT - BOTTOM - (int) (y.fraction(p[1]) * plotHeight());
        g.fillOval(px - 3, py - 3, 7, 7);
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, px, py);
        }
        prevX = px;
        prevY = py;
      }
      legendLine(g, i, names.get(i), c, stroke);
    }
    g.dispose();
    return img;
  }

  /** Bars: tasks/s for launch-raw and launch-throughput, services/s for deploy-scale, per report. */
  static BufferedImage launchRate(List<Report> reports) {
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Integer> colors = new ArrayList<>();
    String[][] measures = {
      {"launch-raw", "tasks_per_s", "raw API tasks/s"},
      {"launch-throughput", "tasks_per_s", "Drover tasks/s"},
      {"deploy-scale", "services_per_s", "services deployed/s"},
    };
    for (int r = 0; r < reports.size(); r++) {
      for (int m = 0; m < measures.length; m++) {
        JsonNode s = reports.get(r).json().path(measures[m][0]);
        String field = measures[m][1];
        if (m == 0 && !s.has(field)) {
          // launch-throughput measures the raw rate itself when launch-raw did not run before it
          s = reports.get(r).json().path("launch-throughput");
          field = "raw_tasks_per_s";
        }
        if (s.has(field)) {
          String size = s.has("services") ? " (" + s.get("services").asInt() + " services)"
              : s.has("tasks") ? " (" + s.get("tasks").asInt() + " tasks)" : "";
          names.add(reports.get(r).label() + ": " + measures[m][2] + size);
          values.add(s.get(field).asDouble());
          colors.add(m);
        }
      }
    }
    BufferedImage img = canvas();
    Graphics2D g = graphics(img);
    title(g, "launch rate: Drover against mesos-local's raw API, and deploying many services");
    axes(g, "", "per second");
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double top = niceCeiling(max);
    for (int t = 0; t <= 4; t++) {
      double v = top * t / 4;
      int py = HEIGHT - BOTTOM - (int) (v / top * plotHeight());
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT, py, WIDTH - RIGHT, py);
      g.setColor(Color.GRAY);
      g.drawString(number(v), LEFT - 50, py + 4);
    }
    int n = Math.max(1, values.size());
    int slot = plotWidth() / n;
    for (int i = 0; i < values.size(); i++) {
      int h = (int) (values.get(i) / top * plotHeight());
      int px = LEFT + i * slot + slot / 6;
      Color c = PALETTE[colors.get(i) % PALETTE.length];
      g.setColor(c);
      g.fillRect(px, HEIGHT - BOTTOM - h, slot * 2 / 3, h);
      g.setColor(Color.BLACK);
      g.drawString(number(values.get(i)), px, HEIGHT - BOTTOM - h - 5);
      legend(g, i, names.get(i), c);
    }
    if (values.isEmpty()) {
      g.drawString("no launch-raw, launch-throughput or deploy-scale results in the reports", LEFT, TOP + 40);
    }
    g.dispose();
    return img;
  }

  private static BufferedImage canvas() {
    return new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static void title(Graphics2D g, String text) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(text, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }

  private static void axes(Graphics2D g, String xLabel, String yLabel) {
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.2f));
    g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
    g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
    g.drawString(xLabel, LEFT + plotWidth() / 2 - 20, HEIGHT - 25);
    g.drawString(yLabel, 10, TOP - 10);
  }

  private static void legend(Graphics2D g, int i, String text, Color c) {
    g.setColor(c);
    g.fillRect(WIDTH - RIGHT + 15, legendY(i) - 9, 12, 10);
    legendText(g, i, text);
  }

  /** A legend entry whose sample is a stretch of the line itself, so dashed and solid lines differ. */
  private static void legendLine(Graphics2D g, int i, String text, Color c, BasicStroke stroke) {
    g.setColor(c);
    g.setStroke(stroke);
    g.drawLine(LEGEND_LINE_FROM, legendY(i) - LEGEND_LINE_RISE, LEGEND_LINE_TO, legendY(i) - LEGEND_LINE_RISE);
    legendText(g, i, text);
  }

  private static void legendText(Graphics2D g, int i, String text) {
    g.setColor(Color.BLACK);
    g.drawString(fitted(g, text, RIGHT - 32 - 4), WIDTH - RIGHT + 32, legendY(i));
  }

  /** The baseline of legend entry {@code i}'s text. */
  static int legendY(int i) {
    return TOP + 10 + i * 18;
  }

  /** {@code text}, cut and ended with an ellipsis when it is wider than {@code width} pixels. */
  static String fitted(Graphics2D g, String text, int width) {
    FontMetrics m = g.getFontMetrics();
    if (m.stringWidth(text) <= width) {
      return text;
    }
    String cut = text;
    while (!cut.isEmpty() && m.stringWidth(cut + "…") > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }

  private static int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static int plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  private static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-9))));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String number(double v) {
    if (v >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, v >= 1 ? "%.1f" : "%.2f", v);
  }

  /** A base-10 logarithmic axis over whole decades covering the values. */
  record LogAxis(double lowDecade, double highDecade) {
    static LogAxis of(double[] values) {
      double min = Arrays.stream(values).min().orElse(1);
      double max = Arrays.stream(values).max().orElse(10);
      double low = Math.floor(Math.log10(min));
      double high = Math.ceil(Math.log10(max));
      return new LogAxis(low, high == low ? low + 1 : high);
    }

    double fraction(double v) {
      return (Math.log10(v) - lowDecade) / (highDecade - lowDecade);
    }

    List<Double> ticks() {
      List<Double> out = new ArrayList<>();
      for (double d = lowDecade; d <= highDecade; d++) {
        out.add(Math.pow(10, d));
      }
      return out;
    }
  }
}
