package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MasterAddressesTest {

  @Test
  void staticListAcceptsSeveralMastersAndRotatesToTheLastGoodOne() {
    MasterDetector detector = MasterDetector.forUrl("http://10.0.0.1:5050,10.0.0.2:5051");
    assertThat(detector.candidates()).containsExactly(
        URI.create("http://10.0.0.1:5050"), URI.create("http://10.0.0.2:5051"));

    detector.subscribedVia(URI.create("http://10.0.0.2:5051"));

    assertThat(detector.candidates()).containsExactly(
        URI.create("http://10.0.0.2:5051"), URI.create("http://10.0.0.1:5050"));
  }

  @Test
  void staticListDefaultsToHttpAndIgnoresAPath() {
    assertThat(MasterDetector.forUrl("master.example:5050").candidates())
        .containsExactly(URI.create("http://master.example:5050"));
    assertThat(MasterDetector.forUrl("https://m:5050/").candidates())
        .containsExactly(URI.create("https://m:5050"));
  }

  @Test
  void badUrlsSayWhatIsExpected() {
    assertThatThrownBy(() -> MasterDetector.forUrl("ftp://m:5050"))
        .hasMessageContaining("use http://host:port");
    assertThatThrownBy(() -> MasterDetector.forUrl("http://m"))
        .hasMessageContaining("host:port is expected");
    assertThatThrownBy(() -> MasterDetector.forUrl("http://m:notaport"))
        .hasMessageContaining("invalid address");
    assertThatThrownBy(() -> MasterDetector.forUrl("zk://zk1:2181"))
        .hasMessageContaining("has no ZooKeeper path");
  }

  @Test
  void registrationSequenceComesFromTheNodeName() {
    assertThat(MasterRegistration.sequenceOf("json.info_0000000012")).contains(12L);
    assertThat(MasterRegistration.sequenceOf("info_0000000012")).isEmpty();
    assertThat(MasterRegistration.sequenceOf("log_replicas")).isEmpty();
    assertThat(MasterRegistration.sequenceOf("json.info_x")).isEmpty();
  }

  @Test
  void registrationAddressPrefersTheIpAndToleratesUnknownFields() {
    String json = """
        {"address":{"hostname":"m1.example","ip":"10.1.2.3","port":5050},"hostname":"m1.example",
         "id":"abc","ip":50462986,"pid":"master@10.1.2.3:5050","port":5050,"version":"1.11.0",
         "capabilities":[{"type":"AGENT_UPDATE"},{}],"something_new":true}
        """;
    assertThat(MasterRegistration.parse(3, json.getBytes(StandardCharsets.UTF_8)).uri())
        .isEqualTo(URI.create("http://10.1.2.3:5050"));
  }

  @Test
  void registrationFallsBackToTheNumericIpInNetworkOrder() {
    // 10.0.0.1 in network byte order read as a little-endian uint32.
    String json = "{\"id\":\"a\",\"ip\":16777226,\"port\":5051}";
    assertThat(MasterRegistration.parse(1, json.getBytes(StandardCharsets.UTF_8)).uri())
        .isEqualTo(URI.create("http://10.0.0.1:5051"));
  }

  @Test
  void registrationWithoutAnAddressIsRefused() {
    assertThatThrownBy(() -> MasterRegistration.parse(1, "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no address");
    assertThatThrownBy(() -> MasterRegistration.parse(1, "not json".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not MasterInfo JSON");
  }
}
