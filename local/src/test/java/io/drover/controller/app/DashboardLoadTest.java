package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.local.Browser;
import io.drover.local.BrowserTest;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * How long the dashboard takes to show 1,000 services: a measurement, printed, not a timed
 * assertion. The documents are written straight into ZooKeeper (one instance each of 0.1 cpu, so
 * the test agents run about 40 of them and the leader keeps offering to the rest while the page
 * loads); once the replica lists them all with a status, the page is loaded {@value #LOADS} times,
 * the first with an empty browser cache. Each load is timed from navigation start to the frame
 * after the list's first rendering (the page's {@code drover:services-rendered} mark).
 * docs/dashboard.md records the numbers.
 */
@BrowserTest
class DashboardLoadTest {
  private static final int SERVICES = 1_000;
  private static final int LOADS = 6;
  private static final int BATCH = 100;
  /** Milliseconds from navigation start, and sizes, from the page's Performance API. */
  private static final String TIMINGS = """
      const list = performance.getEntriesByType('resource').find(e => e.name.endsWith('/v1/services'));
      const page = performance.getEntriesByType('navigation')[0];
      return {ready: Math.round(page.domContentLoadedEventEnd), start: Math.round(list.startTime),
        end: Math.round(list.responseEnd), bytes: list.decodedBodySize, encoded: list.encodedBodySize,
        painted: Math.round(performance.getEntriesByName('drover:services-rendered')[0].startTime)};
      """;

  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(1).build();
  @RegisterExtension final Browser browser = new Browser();

  @Test
  void aThousandServicesLoadInOneRequestAndRenderAtOnce() throws Exception {
    String base = "http://" + drover.leader().self().httpAddress();
    writeServices(drover.user());
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonNode rows = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/services")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("services");
      return rows.size() == SERVICES && StreamSupport.stream(rows.spliterator(), false).noneMatch(r -> r.get("phase").isNull());
    });

    ChromeDriver driver = browser.driver();
    List<Long> painted = new ArrayList<>();
    Map<?, ?> load = Map.of();
    for (int i = 0; i < LOADS; i++) {
      driver.get(base + "/");
      await().atMost(DroverCluster.WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> ((Number)
          driver.executeScript("return performance.getEntriesByName('drover:services-rendered').length")).intValue() == 1);
      load = (Map<?, ?>) driver.executeScript(TIMINGS);
      painted.add(((Number) load.get("painted")).longValue());
      System.out.printf("[dashboard] load %d (%s): page and assets ready at %s ms, list fetched from %s to %s ms"
              + " (%,d bytes of JSON, %,d on the wire), list painted at %s ms%n", i + 1, i == 0 ? "empty cache" : "reload",
          load.get("ready"), load.get("start"), load.get("end"), load.get("bytes"), load.get("encoded"), load.get("painted"));
    }
    assertThat(driver.findElement(By.id("services-summary")).getText()).startsWith("1,000 services").endsWith("first 200 shown");
    browser.screenshotWindow("dashboard-1000-services");
    assertThat(driver.findElements(By.cssSelector("#services-rows tr"))).hasSize(200);
    for (int shown = 200; shown < SERVICES; shown += 200) {
      assertThat(driver.findElement(By.id("more")).getText()).isEqualTo(String.format("Show 200 more (%d not shown)", SERVICES - shown));
      driver.findElement(By.id("more")).click();
    }
    assertThat(driver.findElements(By.cssSelector("#services-rows tr"))).hasSize(SERVICES);
    assertThat(driver.findElement(By.id("more")).isDisplayed()).isFalse();
    long bytes = ((Number) load.get("bytes")).longValue();
    assertThat(((Number) load.get("encoded")).longValue()).as("the list travels gzipped").isLessThan(bytes / 4);

    List<Long> reloads = painted.subList(1, LOADS).stream().sorted().toList();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("[dashboard] %,d services: list painted %d ms after navigation start with an empty cache,"
            + " %d ms median (max %d ms) over %d reloads; system load average %.1f on %d cores%n",
        SERVICES, painted.get(0), reloads.get(reloads.size() / 2), reloads.get(reloads.size() - 1), reloads.size(),
        os.getSystemLoadAverage(), os.getAvailableProcessors());
  }

  /** {@value #SERVICES} documents written straight into ZooKeeper, {@value #BATCH} per transaction. */
  private static void writeServices(CuratorFramework zk) throws Exception {
    try {
      zk.create().creatingParentsIfNeeded().forPath(DroverCluster.paths().services());
    } catch (KeeperException.NodeExistsException e) {
      // the controller made it first
    }
    for (int from = 0; from < SERVICES; from += BATCH) {
      List<CuratorOp> ops = new ArrayList<>();
      for (int i = from; i < from + BATCH; i++) {
        String name = String.format("svc-%04d", i);
        ops.add(zk.transactionOp().create().forPath(DroverCluster.paths().service(name),
            Docs.service(name, 1, "exec sleep 600").getBytes(StandardCharsets.UTF_8)));
      }
      zk.transaction().forOperations(ops);
    }
  }
}
