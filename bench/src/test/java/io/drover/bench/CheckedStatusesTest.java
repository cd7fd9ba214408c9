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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedStatusesTest {
  private static final String OTHER = "0123456789abcdef";
  private static final ServiceStatus READY = status();

  @Test
  void storesEachDocumentsCheckAndReSignsItForAnotherValidatorAndBack(@TempDir Path dir) throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, 0);
        CuratorFramework client = BenchClients.connect(zk.connectString())) {
      StorePaths paths = new StorePaths("/drover");
      BulkWriter.createServices(client, paths, 0, 3, 2);
      List<String> names = List.of(ServiceDocuments.name(0), ServiceDocuments.name(1), ServiceDocuments.name(2));

      CheckedStatuses statuses = CheckedStatuses.write(client, paths, names, READY);

      assertThat(statuses.validator()).isEqualTo(ValidatorIdentity.current()).isNotNull();
      List<DocumentCheck> own = checks(client, paths, names);
      for (int i = 0; i < names.size(); i++) {
        long mzxid = client.checkExists().forPath(paths.service(names.get(i))).getMzxid();
        assertThat(own.get(i)).isEqualTo(new DocumentCheck(mzxid, ValidatorIdentity.current(), 2));
      }

      statuses.vouchAs(OTHER);

      assertThat(statuses.validator()).isEqualTo(OTHER);
      List<DocumentCheck> other = checks(client, paths, names);
      for (int i = 0; i < names.size(); i++) {
        assertThat(other.get(i)).isEqualTo(new DocumentCheck(own.get(i).mzxid(), OTHER, 2));
      }

      statuses.vouchAs(ValidatorIdentity.current());

      assertThat(checks(client, paths, names)).isEqualTo(own);
    }
  }

  @Test
  void writesNothingForTheSameValidatorOrAnUnknownOne(@TempDir Path dir) throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, 0);
        CuratorFramework client = BenchClients.connect(zk.connectString())) {
      StorePaths paths = new StorePaths("/drover");
      BulkWriter.createServices(client, paths, 0, 2, 1);
      CheckedStatuses statuses = CheckedStatuses.write(client, paths,
          List.of(ServiceDocuments.name(0), ServiceDocuments.name(1)), READY);
      NodeVersions before = NodeVersions.read(client, paths.statuses());

      statuses.vouchAs(ValidatorIdentity.current());
      statuses.vouchAs(null);

      assertThat(NodeVersions.read(client, paths.statuses()).writesSince(before)).isZero();
      assertThat(statuses.validator()).isEqualTo(ValidatorIdentity.current());
    }
  }

  private static List<DocumentCheck> checks(CuratorFramework client, StorePaths paths, List<String> names)
      throws Exception {
    List<DocumentCheck> checks = new ArrayList<>();
    for (String name : names) {
      checks.add(Services.statusMapper().readValue(client.getData().forPath(paths.status(name)), ServiceStatus.class)
          .checked());
    }
    return checks;
  }

  private static ServiceStatus status() {
    try {
      return Services.statusMapper().readValue(
          "{\"observedGeneration\": 0, \"phase\": \"Running\"}".getBytes(StandardCharsets.UTF_8), ServiceStatus.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
