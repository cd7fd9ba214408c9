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
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services"}).decodesDocuments()).isFalse();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"wait", "service", "web", "--for", "condition=Ready"}).decodesDocuments()).isFalse();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "svc", "-o", "wide"}).decodesDocuments()).isFalse();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services", "--output=name"}).decodesDocuments()).isFalse();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"apply", "-f", "web.yaml"}).decodesDocuments()).isFalse();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"diff", "-f", "web.yaml"}).decodesDocuments()).isFalse();

    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services", "-o", "yaml"}).decodesDocuments()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services", "-ojson"}).decodesDocuments()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "service", "web"}).decodesDocuments()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "service/web"}).decodesDocuments()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get"}).decodesDocuments()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"describe", "services"}).decodesDocuments()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"validate", "-f", "web.yaml"}).decodesDocuments()).isTrue();
  }

  /** The table of every service reads only its fields of each status; everything else reads them whole. */
  @Test
  void warmsUpTheWholeStatusDecoderForEveryVerbButTheTableOfEveryService() {
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services"}).readsWholeStatuses()).isFalse();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "svc", "-o", "table"}).readsWholeStatuses()).isFalse();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services", "-oname"}).readsWholeStatuses()).isFalse();

    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services", "-o", "wide"}).readsWholeStatuses()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "services", "--output=yaml"}).readsWholeStatuses()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get", "service", "web"}).readsWholeStatuses()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"get"}).readsWholeStatuses()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"wait", "service/web"}).readsWholeStatuses()).isTrue();
    assertThat(StartupWarmup.HeadStartArgs.of(new String[] {"describe", "service/web"}).readsWholeStatuses()).isTrue();
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
