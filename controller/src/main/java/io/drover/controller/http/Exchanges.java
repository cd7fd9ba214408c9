package io.drover.controller.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writing responses: JSON bodies, plain text, errors as {@code {"error": "..."}}.
 *
 * <p>A successful read (200 to GET or HEAD) carries an {@code ETag} and {@code Cache-Control:
 * no-cache}: a client that polls sends {@code If-None-Match} and gets a bodiless 304 while nothing
 * changed. Bodies over 1 KiB are gzipped for clients that accept it (a list of 1,000 services
 * shrinks about tenfold).
 */
final class Exchanges {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int GZIP_OVER = 1024;

  private Exchanges() {}

  static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
  }

  static void text(HttpExchange ex, int status, String contentType, String body) throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  static void error(HttpExchange ex, int status, String message) throws IOException {
    json(ex, status, Map.of("error", message));
  }

  /** Sends {@code body}; a successful read gets an ETag (and a 304 when it matches) and may be gzipped. */
  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    Headers headers = ex.getResponseHeaders();
    headers.set("Content-Type", contentType);
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (status == 200 && (head || ex.getRequestMethod().equals("GET"))) {
      String etag = etag(body);
      headers.set("ETag", etag);
      headers.set("Cache-Control", "no-cache");
      headers.set("Vary", "Accept-Encoding");
      if (matches(ex.getRequestHeaders().getFirst("If-None-Match"), etag)) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      if (body.length > GZIP_OVER && acceptsGzip(ex)) {
        body = gzip(body);
        headers.set("Content-Encoding", "gzip");
      }
    }
    if (head) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * A weak validator (the gzipped and the plain body share it, as they differ only in encoding): a
   * digest of the uncompressed body.
   */
  private static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The weak comparison of {@code If-None-Match} (a list of tags, or {@code *}) with {@code etag}. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = etag.substring(2);
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static boolean acceptsGzip(HttpExchange ex) {
    String accepted = ex.getRequestHeaders().getFirst("Accept-Encoding");
    return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    }
    return out.toByteArray();
  }
}
