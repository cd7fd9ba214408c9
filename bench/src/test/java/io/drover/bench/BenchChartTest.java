package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchChartTest {
  private static final String REPORT = """
      {"reconcile-latency": {"cases": [
         {"case": "10 services", "services": 10, "put_p50_ms": 1.0, "put_p99_ms": 8.0, "status_p50_ms": 4.0, "status_p99_ms": 40.0},
         {"case": "10000 services", "services": 10000, "put_p50_ms": 2.0, "put_p99_ms": 20.0, "status_p50_ms": 9.0, "status_p99_ms": 90.0}]},
       "launch-raw": {"tasks": 1000, "tasks_per_s": 900.0},
       "launch-throughput": {"tasks": 1000, "tasks_per_s": 450.0},
       "deploy-scale": {"services": 10000, "services_per_s": 500.0}}
      """;

  @Test
  void writesBothChartsAsPngsOfTheReportsMeasures(@TempDir Path dir) throws Exception {
    BenchChart.Report report = new BenchChart.Report("after", new ObjectMapper().readTree(REPORT));

    List<Path> written = BenchChart.write(List.of(report, new BenchChart.Report("before", report.json())), dir);

    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("latency.png", "launch-rate.png");
    for (Path p : written) {
      BufferedImage img = ImageIO.read(p.toFile());
      assertThat(img.getWidth()).isEqualTo(BenchChart.WIDTH);
      assertThat(img.getHeight()).isEqualTo(BenchChart.HEIGHT);
      assertThat(colours(img)).as("drawn in several colours, not blank").isGreaterThan(4);
    }
  }

  @Test
  void theLegendShowsWhichLinesAreDashed() throws Exception {
    BenchChart.Report report = new BenchChart.Report("after", new ObjectMapper().readTree(REPORT));

    BufferedImage img = BenchChart.latency(List.of(report));

    // Entries in order: put p50 (dashed), put p99 (solid), status p50 (dashed), status p99 (solid).
    assertThat(backgroundAlongLegendLine(img, 0)).as("p50's sample has gaps").isGreaterThan(2);
    assertThat(backgroundAlongLegendLine(img, 1)).as("p99's sample is one stroke").isZero();
    assertThat(backgroundAlongLegendLine(img, 2)).isGreaterThan(2);
    assertThat(backgroundAlongLegendLine(img, 3)).isZero();
  }

  private static int backgroundAlongLegendLine(BufferedImage img, int entry) {
    int y = BenchChart.legendY(entry) - BenchChart.LEGEND_LINE_RISE;
    int white = 0;
    for (int x = BenchChart.LEGEND_LINE_FROM; x < BenchChart.LEGEND_LINE_TO; x++) {
      if ((img.getRGB(x, y) & 0xffffff) == 0xffffff) {
        white++;
      }
    }
    return white;
  }

  @Test
  void aLegendEntryWiderThanItsRoomIsCutToFitWithAnEllipsis() {
    Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
    String longLabel = "fourth-round-da0afa7: services deployed/s (10000 services)";
    int room = g.getFontMetrics().stringWidth("fourth-round-da0afa7: services");

    String cut = BenchChart.fitted(g, longLabel, room);

    assertThat(cut).startsWith("fourth-round-da0afa7: serv").endsWith("…");
    assertThat(g.getFontMetrics().stringWidth(cut)).isLessThanOrEqualTo(room);
    assertThat(BenchChart.fitted(g, "round4: Drover tasks/s", 1000)).isEqualTo("round4: Drover tasks/s");
  }

  @Test
  void aLogAxisCoversWholeDecades() {
    BenchChart.LogAxis axis = BenchChart.LogAxis.of(new double[] {10, 10_000});
    assertThat(axis.ticks()).containsExactly(10.0, 100.0, 1_000.0, 10_000.0);
    assertThat(axis.fraction(10)).isZero();
    assertThat(axis.fraction(10_000)).isEqualTo(1.0);
    assertThat(BenchChart.LogAxis.of(new double[] {3, 3}).ticks()).containsExactly(1.0, 10.0);
  }

  private static long colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int x = 0; x < img.getWidth(); x += 3) {
      for (int y = 0; y < img.getHeight(); y += 3) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
