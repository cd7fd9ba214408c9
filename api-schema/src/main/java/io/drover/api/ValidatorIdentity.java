package io.drover.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The identity of this build's document validator: a SHA-256 digest over api-schema's compiled
 * classes and resources (the YAML reader, the schema, the rules, the defaults, the size check and
 * the task count of {@link io.drover.api.status.DocumentCheck}), computed by the module's build
 * into {@code io/drover/api/validator.properties}; its first 16 hex digits. Two builds with the same identity decide alike
 * on every document; a rebuild of the same code keeps it. Null when the build did not record it
 * (classes compiled outside Maven), in which case nothing is recorded or trusted by it.
 */
public final class ValidatorIdentity {

  private static final String RESOURCE = "validator.properties";
  private static final String CURRENT = load();

  private ValidatorIdentity() {}

  /** This build's identity, or null when unknown. */
  public static String current() {
    return CURRENT;
  }

  /**
   * The identity another build recorded in its jar (one that holds api-schema, such as the CLI's),
   * or null when it recorded none or the jar cannot be read: what that build's statuses name, for
   * a comparison between builds.
   */
  public static String inJar(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(ValidatorIdentity.class.getPackageName().replace('.', '/') + "/" + RESOURCE);
      if (entry == null) {
        return null;
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return read(in);
      }
    } catch (IOException e) {
      return null;
    }
  }

  private static String load() {
    try (InputStream in = ValidatorIdentity.class.getResourceAsStream(RESOURCE)) {
      return in == null ? null : read(in);
    } catch (IOException e) {
      return null;
    }
  }

  private static String read(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    String digest = p.getProperty("digest");
    // 64 bits of the digest tell builds apart as well as 256 do, in a quarter of every status's bytes.
    return digest == null || digest.strip().length() < 16 ? null : digest.strip().substring(0, 16);
  }
}
