package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupWarmupTest {

  /** An invalid warm-up document would stop at the schema and leave the rest of decoding cold. */
  @Test
  void warmsUpOnAValidServiceAndAReadableStatus() throws Exception {
    List<LoadedDocument> docs = Services.load("warm-up", StartupWarmup.DOCUMENT);
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).problems()).isEmpty();
    assertThat(docs.get(0).valid()).isTrue();

    ServiceStatus status = Services.statusMapper().readValue(StartupWarmup.STATUS, ServiceStatus.class);
    assertThat(status.phase()).isEqualTo(Phase.RUNNING);
    assertThat(status.conditions()).hasSize(1);
  }

  @Test
  void warmsUpTheDocumentDecoderForEveryVerbButTheTableOfEveryServiceWaitApplyAndDiff() {
    assertThat(StartupWarmup.decodesDocuments(new String[] {"get", "services"})).isFalse();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"wait", "service", "web", "--for", "condition=Ready"})).isFalse();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"get", "svc", "-o", "wide"})).isFalse();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"get", "services", "--output=name"})).isFalse();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"apply", "-f", "web.yaml"})).isFalse();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"diff", "-f", "web.yaml"})).isFalse();

    assertThat(StartupWarmup.decodesDocuments(new String[] {"get", "services", "-o", "yaml"})).isTrue();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"get", "services", "-ojson"})).isTrue();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"get", "service", "web"})).isTrue();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"get", "service/web"})).isTrue();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"get"})).isTrue();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"describe", "services"})).isTrue();
    assertThat(StartupWarmup.decodesDocuments(new String[] {"validate", "-f", "web.yaml"})).isTrue();
  }

  /** The table of every service reads only its fields of each status; everything else reads them whole. */
  @Test
  void warmsUpTheWholeStatusDecoderForEveryVerbButTheTableOfEveryService() {
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"get", "services"})).isFalse();
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"get", "svc", "-o", "table"})).isFalse();
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"get", "services", "-oname"})).isFalse();

    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"get", "services", "-o", "wide"})).isTrue();
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"get", "services", "--output=yaml"})).isTrue();
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"get", "service", "web"})).isTrue();
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"get"})).isTrue();
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"wait", "service/web"})).isTrue();
    assertThat(StartupWarmup.readsWholeStatuses(new String[] {"describe", "service/web"})).isTrue();
  }

  /** Only a command that may talk TLS to ZooKeeper installs the deferred default TLS context. */
  @Test
  void expectsTlsOnlyFromAClientConfigurationFile() {
    assertThat(StartupWarmup.mayUseTls(new String[] {"get", "services"}, null)).isFalse();
    assertThat(StartupWarmup.mayUseTls(new String[] {"get", "services"}, " ")).isFalse();
    assertThat(StartupWarmup.mayUseTls(new String[] {"apply", "-f", "zk-client-config.yaml"}, null))
        .isFalse();

    assertThat(StartupWarmup.mayUseTls(
        new String[] {"get", "services", "--zk-client-config", "zk.properties"}, null)).isTrue();
    assertThat(StartupWarmup.mayUseTls(
        new String[] {"wait", "service/web", "--zk-client-config=zk.properties"}, null)).isTrue();
    assertThat(StartupWarmup.mayUseTls(new String[] {"get", "services"}, "/etc/drover/zk.properties"))
        .isTrue();
  }
}
