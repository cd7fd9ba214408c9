package io.drover.cli;

import io.drover.api.Services;
import io.drover.api.model.ObjectMeta;
import io.drover.api.model.ServiceResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code drover.io/sync-digest} annotation, by which {@code drover sync} recognizes from the
 * bytes alone a stored document that it wrote from a file unchanged since, so that a re-sync
 * neither parses nor validates either side of it.
 *
 * <p>The value is {@code v1-S-C}, two halves of SHA-256 digests in hex:
 *
 * <ul>
 *   <li>{@code S}, the source: of this format's tag, the validator (Drover's version and the
 *       bytes of the Service JSON Schema), the sync id and the file's bytes. A file whose {@code S}
 *       equals a stored one is byte for byte the file that this validator accepted when sync
 *       wrote it; a Drover with another version or schema computes other digests, so it validates
 *       every file again.
 *   <li>{@code C}, the check: of {@code S}, the node's name and the stored text with {@code C}
 *       written as zeros. A stored text whose {@code C} checks out is exactly what sync wrote for
 *       that node: any edit in ZooKeeper (zkCli, {@code drover apply}) breaks it.
 * </ul>
 *
 * <p>Sync adds it only to the documents whose text it re-serializes anyway (those of a
 * one-document file that lacks the sync label); every other document is compared by its model.
 */
final class SyncDigest {

  static final String KEY = "drover.io/sync-digest";

  private static final String FORMAT = "drover-sync-digest/1\n";
  private static final String PREFIX = "v1-";
  private static final int HALF_BYTES = 16;
  private static final String ZEROS = "0".repeat(2 * HALF_BYTES);
  private static final Pattern VALUE = Pattern.compile(
      Pattern.quote(KEY) + "[\"']?\\s*:\\s*[\"']?v1-([0-9a-f]{32})-([0-9a-f]{32})");
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] context;

  /** Digests for sync {@code syncId} under this Drover's validator. */
  SyncDigest(String syncId) {
    this(syncId, validator());
  }

  /** Digests for sync {@code syncId} under the validator named by {@code validator}. */
  SyncDigest(String syncId, String validator) {
    this.context = (FORMAT + validator + "\n" + syncId + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code S} of a file's bytes. */
  String ofSource(byte[] file) {
    MessageDigest sha = sha256();
    sha.update(context);
    sha.update(file);
    return HEX.formatHex(sha.digest(), 0, HALF_BYTES);
  }

  /** The value to write into a document before {@link #seal}: its check still zeros. */
  static String placeholder(String source) {
    return PREFIX + source + "-" + ZEROS;
  }

  /**
   * {@code text} (to be stored as node {@code name}, holding {@link #placeholder} of {@code
   * source} once) with the check filled in, or null when the placeholder is not found exactly once.
   */
  static String seal(String name, String text, String source) {
    String placeholder = placeholder(source);
    int at = text.indexOf(placeholder);
    if (at < 0 || at != text.lastIndexOf(placeholder)) {
      return null;
    }
    String sealed = text.substring(0, at) + PREFIX + source + "-" + check(source, name, text)
        + text.substring(at + placeholder.length());
    return source.equals(verifiedSource(name, sealed)) ? sealed : null;
  }

  /**
   * The {@code S} of a stored node's text when it carries a digest whose check holds for this node,
   * else null (no digest, an edited text, a text copied from another node).
   */
  static String verifiedSource(String name, String stored) {
    Matcher m = VALUE.matcher(stored);
    if (!m.find()) {
      return null;
    }
    int start = m.start(2);
    int end = m.end(2);
    String source = m.group(1);
    String check = m.group(2);
    if (m.find()) {
      return null; // two digests: not a text sync wrote
    }
    String zeroed = stored.substring(0, start) + ZEROS + stored.substring(end);
    return check.equals(check(source, name, zeroed)) ? source : null;
  }

  /** {@code resource} without the digest, which is not part of what a document asks for. */
  static ServiceResource without(ServiceResource resource) {
    ObjectMeta meta = resource.metadata();
    if (meta == null || meta.annotations() == null || !meta.annotations().containsKey(KEY)) {
      return resource;
    }
    Map<String, String> annotations = new LinkedHashMap<>(meta.annotations());
    annotations.remove(KEY);
    return withAnnotations(resource, annotations);
  }

  /** {@code resource} with the digest annotation set to {@code value}. */
  static ServiceResource with(ServiceResource resource, String value) {
    ObjectMeta meta = resource.metadata();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (meta != null && meta.annotations() != null) {
      annotations.putAll(meta.annotations());
    }
    annotations.put(KEY, value);
    return withAnnotations(resource, annotations);
  }

  private static ServiceResource withAnnotations(
      ServiceResource resource, Map<String, String> annotations) {
    ObjectMeta meta = resource.metadata();
    return new ServiceResource(resource.apiVersion(), resource.kind(),
        new ObjectMeta(meta.name(), meta.labels(), annotations), resource.spec());
  }

  private static String check(String source, String name, String zeroed) {
    MessageDigest sha = sha256();
    sha.update((FORMAT + source + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(zeroed.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(sha.digest(), 0, HALF_BYTES);
  }

  /** What names this Drover's validator: its version and its JSON Schema's digest. */
  private static String validator() {
    try (InputStream in =
        Services.class.getClassLoader().getResourceAsStream(Services.SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            Services.SCHEMA_RESOURCE + " is missing from the classpath");
      }
      return BuildInfo.load().version() + " " + HEX.formatHex(sha256().digest(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + Services.SCHEMA_RESOURCE, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
