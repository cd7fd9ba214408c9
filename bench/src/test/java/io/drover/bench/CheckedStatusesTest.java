package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import io.drover.api.ValidatorIdentity;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.StorePaths;
import io.drover.local.EmbeddedZooKeeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedStatusesTest {
  private static final String OTHER = "0123456789abcdef";
  private static final StorePaths PATHS = new StorePaths("/drover");
  /** Three services of two pod instances each. */
  private static final List<String> NAMES =
      List.of(ServiceDocuments.name(0), ServiceDocuments.name(1), ServiceDocuments.name(2));

  @TempDir Path dir;
  private EmbeddedZooKeeper zk;
  private CuratorFramework client;
  private CheckedStatuses statuses;

  @BeforeEach
  void storeServicesWithTheirStatuses() throws Exception {
    zk = EmbeddedZooKeeper.start(dir, 0);
    client = BenchClients.connect(zk.connectString());
    BulkWriter.createServices(client, PATHS, 0, NAMES.size(), 2);
    statuses = CheckedStatuses.write(client, PATHS, NAMES, Services.statusMapper().readValue(
        "{\"observedGeneration\": 0, \"phase\": \"Running\"}".getBytes(StandardCharsets.UTF_8), ServiceStatus.class));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    zk.close();
  }

  @Test
  void storesEachDocumentsCheckAndReSignsItForAnotherValidatorAndBack() throws Exception {
    assertThat(statuses.validator()).isEqualTo(ValidatorIdentity.current()).isNotNull();
    List<DocumentCheck> own = checks();
    for (int i = 0; i < NAMES.size(); i++) {
      long mzxid = client.checkExists().forPath(PATHS.service(NAMES.get(i))).getMzxid();
      assertThat(own.get(i)).isEqualTo(new DocumentCheck(mzxid, ValidatorIdentity.current(), 2));
    }

    statuses.vouchAs(OTHER);

    assertThat(statuses.validator()).isEqualTo(OTHER);
    List<DocumentCheck> other = checks();
    for (int i = 0; i < NAMES.size(); i++) {
      assertThat(other.get(i)).isEqualTo(new DocumentCheck(own.get(i).mzxid(), OTHER, 2));
    }

    statuses.vouchAs(ValidatorIdentity.current());

    assertThat(checks()).isEqualTo(own);
  }

  @Test
  void writesNothingForTheSameValidatorOrAnUnknownOne() throws Exception {
    NodeVersions before = NodeVersions.read(client, PATHS.statuses());

    statuses.vouchAs(ValidatorIdentity.current());
    statuses.vouchAs(null);

    assertThat(NodeVersions.read(client, PATHS.statuses()).writesSince(before)).isZero();
    assertThat(statuses.validator()).isEqualTo(ValidatorIdentity.current());
  }

  private List<DocumentCheck> checks() throws Exception {
    List<DocumentCheck> checks = new ArrayList<>();
    for (String name : NAMES) {
      checks.add(Services.statusMapper().readValue(client.getData().forPath(PATHS.status(name)), ServiceStatus.class)
          .checked());
    }
    return checks;
  }
}
