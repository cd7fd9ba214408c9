package io.drover.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless chromium per test, driven through chromedriver by Selenium: the installed binaries
 * only ({@code chromium} and {@code chromedriver} on the PATH, or {@code -Dchromium.binary} and
 * {@code -Dchromedriver.binary}), so nothing is downloaded. Screenshots go to {@code
 * target/screenshots}, or to {@code -Ddrover.screenshots=DIR} (the docs' images are taken so).
 *
 * <pre>{@code
 * @RegisterExtension final Browser browser = new Browser();
 * }</pre>
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {
  /** The window the docs' screenshots show: a laptop screen. */
  public static final Dimension DESKTOP = new Dimension(1280, 900);

  private ChromeDriver driver;

  /** What is missing to run a browser, or empty when chromium and chromedriver are both there. */
  public static Optional<String> missing() {
    if (chromium().isEmpty()) {
      return Optional.of("no chromium on the PATH (or -Dchromium.binary)");
    }
    if (chromedriver().isEmpty()) {
      return Optional.of("no chromedriver on the PATH (or -Dchromedriver.binary)");
    }
    return Optional.empty();
  }

  private static Optional<Path> chromium() {
    return find("chromium.binary", List.of("chromium", "chromium-browser"));
  }

  private static Optional<Path> chromedriver() {
    return find("chromedriver.binary", List.of("chromedriver"));
  }

  private static Optional<Path> find(String property, List<String> names) {
    String given = System.getProperty(property);
    if (given != null) {
      return Optional.of(Path.of(given)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ChromeOptions options = new ChromeOptions()
        .setBinary(chromium().orElseThrow().toFile())
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--disable-extensions", "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver().orElseThrow().toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Resizes the window's viewport-bearing outer size. */
  public void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  private static Path screenshotFile(String name) throws IOException {
    Path dir = Path.of(System.getProperty("drover.screenshots", "target/screenshots"));
    return Files.createDirectories(dir).resolve(name + ".png");
  }

  /** Saves what the window shows as {@code name}.png; returns the file. */
  public Path screenshotWindow(String name) throws IOException {
    Path file = screenshotFile(name);
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /**
   * Saves the whole page, at the window's width, as {@code name}.png (the window grows to the
   * page's height for the shot, then gets its size back); returns the file.
   */
  public Path screenshot(String name) throws IOException {
    Path file = screenshotFile(name);
    Dimension size = driver.manage().window().getSize();
    long page = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
    long viewport = ((Number) driver.executeScript("return window.innerHeight")).longValue();
    if (page > viewport) {
      resize(new Dimension(size.getWidth(), (int) (size.getHeight() + page - viewport)));
    }
    try {
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      resize(size);
    }
    return file;
  }
}
