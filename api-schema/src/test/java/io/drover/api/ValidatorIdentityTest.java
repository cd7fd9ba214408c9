package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ValidatorIdentity#inJar}: another build's identity, read from its jar. */
class ValidatorIdentityTest {

  @TempDir Path dir;

  @Test
  void readsTheIdentityAnotherBuildRecordedInItsJar() throws IOException {
    Path jar = jar("io/drover/api/validator.properties",
        "digest=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");

    assertThat(ValidatorIdentity.inJar(jar)).isEqualTo("0123456789abcdef");
  }

  @Test
  void thisBuildsOwnRecordReadsAsItsIdentity() throws IOException {
    assertThat(ValidatorIdentity.current()).as("recorded by this module's build").isNotNull();
    try (var in = ValidatorIdentity.class.getResourceAsStream("validator.properties")) {
      Path jar = jar("io/drover/api/validator.properties", new String(in.readAllBytes(), StandardCharsets.UTF_8));

      assertThat(ValidatorIdentity.inJar(jar)).isEqualTo(ValidatorIdentity.current());
    }
  }

  @Test
  void aJarWithoutARecordOrNoJarAtAllHasNone() throws IOException {
    assertThat(ValidatorIdentity.inJar(jar("other.txt", "x"))).isNull();
    assertThat(ValidatorIdentity.inJar(jar("io/drover/api/validator.properties", "digest=short\n"))).isNull();
    assertThat(ValidatorIdentity.inJar(dir.resolve("missing.jar"))).isNull();
    Path notAJar = Files.writeString(dir.resolve("not.jar"), "plain text");
    assertThat(ValidatorIdentity.inJar(notAJar)).isNull();
  }

  private Path jar(String entry, String content) throws IOException {
    Path jar = Files.createTempFile(dir, "build", ".jar");
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return jar;
  }
}
