package io.drover.controller.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web dashboard's files: its page at {@code /} and its script, style sheet and icon under
 * {@code /assets/}, read once from the jar (nothing is fetched from elsewhere, so the dashboard
 * works on a cluster without Internet access). The page renders what it reads from the JSON API;
 * nothing here depends on the cluster's state. Every other path under {@code /} is a JSON 404.
 *
 * <p>Files are revalidated on each load ({@code ETag}, {@code Cache-Control: no-cache}), so a new
 * controller version is picked up at once, and carry a Content-Security-Policy that allows only
 * the controller's own scripts, styles and API. Thread-safe (immutable once built).
 */
final class DashboardHandler implements HttpHandler {
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private record Asset(String contentType, byte[] body) {}

  private final Map<String, Asset> assets;

  private DashboardHandler(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /** Reads the files from the class path; a missing one is a packaging error. */
  static DashboardHandler load() {
    Map<String, Asset> assets = new LinkedHashMap<>();
    assets.put("/", read("index.html", "text/html; charset=utf-8"));
    assets.put("/assets/dashboard.js", read("dashboard.js", "text/javascript; charset=utf-8"));
    assets.put("/assets/dashboard.css", read("dashboard.css", "text/css; charset=utf-8"));
    assets.put("/assets/favicon.svg", read("favicon.svg", "image/svg+xml"));
    return new DashboardHandler(Map.copyOf(assets));
  }

  private static Asset read(String file, String contentType) {
    try (InputStream in = DashboardHandler.class.getResourceAsStream("dashboard/" + file)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's " + file + " is missing from the jar");
      }
      return new Asset(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's " + file, e);
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      Asset asset = assets.get(path);
      if (asset == null) {
        Exchanges.error(ex, 404, "no such resource: " + path);
        return;
      }
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        Exchanges.error(ex, 405, method + " is not allowed on " + path);
        return;
      }
      Headers headers = ex.getResponseHeaders();
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      Exchanges.send(ex, 200, asset.contentType(), asset.body());
    }
  }
}
