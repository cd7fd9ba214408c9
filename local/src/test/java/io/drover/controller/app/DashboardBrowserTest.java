package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.local.Browser;
import io.drover.local.BrowserTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web dashboard in a real headless chromium, served by a standby replica of a running stack
 * (ZooKeeper, mesos-local running the samples' processes, two controller replicas): a service
 * applied while the page is open shows up and becomes Running without a reload, with its plan,
 * tasks, and the replicas with their leader; another applied later appears too. The docs'
 * screenshots are taken here ({@code -Ddrover.screenshots=docs/images}).
 */
@BrowserTest
class DashboardBrowserTest {
  private static final Path WEB = Path.of("..", "samples", "web.yaml");
  private static final Path HELLO = Path.of("..", "samples", "hello-world.yaml");

  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(2).build();
  @RegisterExtension final Browser browser = new Browser();

  /** Waits for the page; rows are replaced as it refreshes, so a stale element is read again. */
  private static ConditionFactory page() {
    return await().atMost(DroverCluster.WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
  }

  private String text(String css) {
    return browser.driver().findElement(By.cssSelector(css)).getText();
  }

  @Test
  void appliedServicesShowUpLiveWithTheirPlanTasksAndTheReplicas() throws Exception {
    Controller leader = drover.leader();
    Controller standby = drover.replicas().stream().filter(r -> r != leader).findFirst().orElseThrow();
    ChromeDriver driver = browser.driver();
    driver.get("http://" + standby.self().httpAddress() + "/");
    page().until(() -> text("#services-summary"), t -> t.startsWith("0 services"));

    drover.apply("web", Files.readString(WEB));
    String row = "tr[data-service='web'] ";
    page().until(() -> text(row + "td[data-label='Phase']"), "Running"::equals);
    page().until(() -> text(row + "td[data-label='Tasks running']"), "2 of 2"::equals);
    assertThat(text(row + "td[data-label='Ready']")).isEqualTo("Yes");
    assertThat(text(row + "td[data-label='Generation']")).isEqualTo(text(row + "td[data-label='Observed']"));

    String leaderRow = "#replicas-rows tr[data-replica='" + leader.self().id() + "'] ";
    String standbyRow = "#replicas-rows tr[data-replica='" + standby.self().id() + "'] ";
    page().until(() -> driver.findElements(By.cssSelector("#replicas-rows tr")).size() == 2);
    assertThat(text(leaderRow + "td[data-label='Role']")).isEqualTo("Leader");
    assertThat(text("#leader-line")).isEqualTo("· leader " + leader.self().id() + " · served by " + standby.self().id());
    assertThat(text(leaderRow + "td[data-label='Address']")).isEqualTo(leader.self().httpAddress());
    assertThat(text(standbyRow + "td[data-label='Role']")).isEqualTo("Standby");
    assertThat(text(standbyRow + "td[data-label='Replica']")).endsWith("(this page)");
    assertThat(text("#replicas-note")).startsWith("Leader: " + leader.self().id());

    drover.apply("hello-world", Files.readString(HELLO));
    drover.apply("broken", Docs.invalid("broken"));
    drover.apply("huge", Docs.service("huge", 1, "exec sleep 600").replace("cpus: 0.1", "cpus: 64"));
    page().until(() -> text("tr[data-service='hello-world'] td[data-label='Phase']"), "Running"::equals);
    page().until(() -> text("tr[data-service='broken'] td[data-label='Phase']"), "Invalid"::equals);
    assertThat(text("tr[data-service='broken'] td[data-label='Message']")).contains("cpus: Invalid value: -1");
    page().until(() -> text("tr[data-service='huge'] td[data-label='Phase']"), "Deploying"::equals);
    page().until(() -> text("tr[data-service='huge'] td[data-label='Message']"),
        m -> m.startsWith("web-0: waiting for an offer that fits: needs cpus 64.0, largest offer has ") && m.endsWith(", 2 agents"));
    assertThat(text("#services-summary")).isEqualTo("4 services, 2 ready · 2 Running · 1 Deploying · 1 Invalid");
    assertThat(text("#problem")).isEmpty();
    browser.screenshot("dashboard-services");

    driver.findElement(By.linkText("web")).click();
    page().until(() -> text("#service-title"), t -> t.equals("web Running"));
    String deploy = "section[data-plan='deploy'] ";
    page().until(() -> text(deploy + "h4"), "deploy COMPLETE"::equals);
    assertThat(text(deploy + ".progress")).isEqualTo("2 of 2 steps complete");
    assertThat(driver.findElements(By.cssSelector(deploy + "tr[data-step]"))).hasSize(2);
    for (String task : List.of("web-0-server", "web-1-server")) {
      String t = "#tasks tr[data-task='" + task + "'] ";
      page().until(() -> text(t + "td[data-label='Health']"), "Healthy"::equals);
      assertThat(text(t + "td[data-label='State']")).isEqualTo("RUNNING");
      // The readiness check may pass a moment after the health check.
      page().until(() -> text(t + "td[data-label='Readiness']"), "Ready"::equals);
      assertThat(text(t + "td[data-label='Agent']")).isNotBlank();
      assertThat(text(t + "td[data-label='Ports']")).matches("http \\d+");
    }
    assertThat(text("tr[data-condition='Ready'] td[data-label='Status']")).isEqualTo("True");
    // Each task links to the end of its output, which the replica reads from the sandbox through Mesos.
    WebElement stdout = driver.findElement(By.cssSelector("#tasks tr[data-task='web-0-server'] td[data-label='Logs'] a"));
    assertThat(stdout.getText()).isEqualTo("stdout");
    assertThat(stdout.getAttribute("href")).endsWith("/v1/logs/web/web-0-server?stream=stdout");
    assertThat(text("#tasks tr[data-task='web-1-server'] td[data-label='Logs']")).isEqualTo("stdout stderr");
    stdout.click();
    page().until(() -> driver.findElement(By.tagName("body")).getText(), b -> b.startsWith("Serving HTTP on "));
    driver.navigate().back();
    page().until(() -> text("#service-title"), t -> t.equals("web Running"));
    // The service's events, newest first: the launches and runs of its two tasks after its creation.
    page().until(() -> driver.findElements(By.cssSelector("#events tr[data-event]")).size() >= 5);
    List<WebElement> events = driver.findElements(By.cssSelector("#events tr[data-event]"));
    assertThat(events.get(events.size() - 1).getAttribute("data-event")).isEqualTo("Configured");
    assertThat(text("#events tr[data-event='Launched'] td[data-label='Object']")).matches("web-\\d-server");
    assertThat(text("#events tr[data-event='Launched'] td[data-label='Message']")).startsWith("launched web__web-");
    browser.screenshot("dashboard-service");

    browser.resize(new Dimension(400, 860));
    WebElement firstCell = driver.findElement(By.cssSelector("#tasks tbody td"));
    assertThat(firstCell.getCssValue("display")).as("cells stack as cards").isEqualTo("block");
    assertThat(driver.findElement(By.cssSelector("#tasks thead")).getSize().getWidth()).isLessThanOrEqualTo(1);
    Number overflow = (Number) driver.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
    browser.screenshot("dashboard-narrow");
    browser.resize(Browser.DESKTOP);

    driver.findElement(By.linkText("All services")).click();
    page().until(() -> driver.findElement(By.id("services-view")).isDisplayed());
    assertThat(driver.findElements(By.cssSelector("#services-rows tr"))).hasSize(4);
    driver.findElement(By.id("filter")).sendKeys("deploying");
    assertThat(driver.findElements(By.cssSelector("#services-rows tr"))).hasSize(1);

    driver.findElement(By.linkText("huge")).click();
    String step = "section[data-plan='deploy'] tr[data-step='web-0'] ";
    page().until(() -> text(step + "td[data-label='Message']"), m -> !m.isEmpty());
    browser.screenshot("dashboard-waiting");
  }
}
