package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.ValidatorIdentity;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** The check a decoded desired node carries for its status: only a valid document's, with its mzxid. */
class DesiredEntryTest {
  private static final String WEB = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: web}
      spec:
        pods:
          web:
            count: 3
            tasks:
              server: {cmd: "sleep 100", cpus: 0.1, memory: 32}
              sidecar: {cmd: "sleep 100", cpus: 0.1, memory: 32}
              setup: {cmd: "true", cpus: 0.1, memory: 32, goal: ONCE}
      """;

  private static ChildData node(String yaml, long mzxid, int children) {
    Stat stat = new Stat();
    stat.setMzxid(mzxid);
    stat.setVersion(4);
    stat.setNumChildren(children);
    return new ChildData("/drover/services/web", stat, yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValidDocumentRecordsItsVersionValidatorAndLongRunningTaskCount() {
    DesiredEntry entry = DesiredEntry.decode("web", node(WEB, 77, 0));

    assertThat(ValidatorIdentity.current()).as("the build records the validator's identity").isNotBlank();
    assertThat(entry.check()).isEqualTo(new DocumentCheck(77, ValidatorIdentity.current(), 6));
  }

  @Test
  void anInvalidDocumentRecordsNothing() {
    assertThat(DesiredEntry.decode("web", node(WEB.replace("cpus: 0.1", "cpus: -1"), 77, 0)).check()).isNull();
    assertThat(DesiredEntry.decode("web", node(WEB.replace("name: web", "name: api"), 77, 0)).check()).isNull();
  }

  @Test
  void aNodeWithChildrenRecordsNothing() {
    // Its validity depends on the children, which can change without changing the node's mzxid.
    assertThat(DesiredEntry.decode("web", node(WEB, 77, 1)).check()).isNull();
  }

  /** A status of this build's check of exactly this version spares the checks, for the same entry. */
  @Test
  void aStatusVouchingForTheVersionGivesTheSameEntryWithoutTheChecks() {
    DesiredEntry whole = DesiredEntry.decode("web", node(WEB, 77, 0));

    DesiredEntry vouched = DesiredEntry.decode("web", node(WEB, 77, 0), status(whole.check()));

    assertThat(vouched.service()).isEqualTo(whole.service());
    assertThat(vouched.check()).isEqualTo(whole.check());
    assertThat(vouched.target().orElseThrow().specHash())
        .isEqualTo(whole.target().orElseThrow().specHash());
    // Shown by a document the checks refuse but a status vouches for: taken at its word.
    ChildData refused = node(WEB.replace("cpus: 0.1", "cpus: -1"), 78, 0);
    DocumentCheck check = new DocumentCheck(78, ValidatorIdentity.current(), 6);
    assertThat(DesiredEntry.decode("web", refused, status(check)).service().valid()).isTrue();
  }

  /** A check of another version, by another validator, or of a node with children spares nothing. */
  @Test
  void aStatusOfAnotherVersionOrValidatorSparesNothing() {
    ChildData refused = node(WEB.replace("cpus: 0.1", "cpus: -1"), 78, 0);
    String validator = ValidatorIdentity.current();

    assertThat(DesiredEntry.decode("web", refused, status(new DocumentCheck(77, validator, 6)))
        .service().valid()).isFalse();
    assertThat(DesiredEntry.decode("web", refused, status(new DocumentCheck(78, "0123abcd", 6)))
        .service().valid()).isFalse();
    assertThat(DesiredEntry.decode("web", node(WEB.replace("cpus: 0.1", "cpus: -1"), 78, 1),
        status(new DocumentCheck(78, validator, 6))).service().valid()).isFalse();
    assertThat(DesiredEntry.decode("web", refused, null).service().valid()).isFalse();
  }

  private static StatusDocument status(DocumentCheck check) {
    ServiceStatus status = new ServiceStatus(4, "hash", Phase.RUNNING, null, null, null, null, null)
        .withChecked(check);
    return new StatusDocument("web", status, null, 1, Instant.EPOCH);
  }
}
