package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyncDigestTest {

  private final SyncDigest digest = new SyncDigest("team-a", "1.0 schema-x");
  private final byte[] file = Docs.service("web", 2).getBytes(StandardCharsets.UTF_8);
  private final String source = digest.ofSource(file);

  /** A stored text as sync writes it: the file's text with the label and the sealed digest. */
  private String sealed(String name) {
    String text = Docs.service("web", 2).replace("labels: {team: web}",
        "labels: {team: web, drover.io/sync-id: team-a}\n  annotations: {drover.io/sync-digest: "
            + SyncDigest.placeholder(source) + "}");
    return SyncDigest.seal(name, text, source);
  }

  @Test
  void aSealedTextVerifiesAsItsSourceForItsOwnNodeOnly() {
    String stored = sealed("web");

    assertThat(stored).doesNotContain(SyncDigest.placeholder(source));
    assertThat(SyncDigest.verifiedSource("web", stored)).isEqualTo(source);
    assertThat(SyncDigest.verifiedSource("web-copy", stored)).isNull();
  }

  @Test
  void anyEditOfTheStoredTextBreaksTheCheck() {
    String stored = sealed("web");
    String check = stored.substring(stored.indexOf(source) + source.length() + 1,
        stored.indexOf(source) + source.length() + 33);
    String otherCheck = (check.charAt(0) == 'a' ? "b" : "a") + check.substring(1);

    assertThat(SyncDigest.verifiedSource("web", stored.replace("count: 2", "count: 3"))).isNull();
    assertThat(SyncDigest.verifiedSource("web", stored.replace("# web", "# web!"))).isNull();
    assertThat(SyncDigest.verifiedSource("web", stored.replace(check, otherCheck))).isNull();
    assertThat(SyncDigest.verifiedSource("web", stored + stored)).isNull();
    assertThat(SyncDigest.verifiedSource("web", Docs.service("web", 2))).isNull();
  }

  @Test
  void theSourceDigestChangesWithOneByteTheSyncIdOrTheValidator() {
    byte[] changed = Docs.service("web", 3).getBytes(StandardCharsets.UTF_8);

    assertThat(digest.ofSource(file)).isEqualTo(source).hasSize(32);
    assertThat(digest.ofSource(changed)).isNotEqualTo(source);
    assertThat(new SyncDigest("team-b", "1.0 schema-x").ofSource(file)).isNotEqualTo(source);
    assertThat(new SyncDigest("team-a", "1.1 schema-x").ofSource(file)).isNotEqualTo(source);
    assertThat(new SyncDigest("team-a", "1.0 schema-y").ofSource(file)).isNotEqualTo(source);
  }

  @Test
  void sealingNeedsThePlaceholderExactlyOnce() {
    String text = Docs.service("web", 2);

    assertThat(SyncDigest.seal("web", text, source)).isNull();
    assertThat(SyncDigest.seal("web", text + "# " + SyncDigest.placeholder(source) + "\n# "
        + SyncDigest.placeholder(source) + "\n", source)).isNull();
  }
}
