package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Status codes and the SUBSCRIBE stream, as {@code Master::Http::scheduler} answers them. */
class SchedulerApiTest {

  static MesosLocal cluster;

  @BeforeAll
  static void start() {
    cluster = MesosLocal.builder().heartbeatInterval(Duration.ofMillis(300)).noProcess(true).start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static HttpResponse<String> send(HttpRequest request) throws Exception {
    return TestScheduler.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder scheduler() {
    return HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/scheduler"));
  }

  static Call subscribeCall() {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(TestScheduler.framework("api"))).build();
  }

  @Test
  void otherMethodsAre405() throws Exception {
    HttpResponse<String> r = send(scheduler().GET().build());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void missingContentTypeIs400() throws Exception {
    HttpResponse<String> r = send(scheduler().POST(HttpRequest.BodyPublishers.ofByteArray(subscribeCall().toByteArray())).build());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("Expecting 'Content-Type' to be present");
  }

  @Test
  void unsupportedContentTypeIs415() throws Exception {
    HttpResponse<String> r = send(scheduler().header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("hi")).build());
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void bodiesThatAreNotCallsAre400() throws Exception {
    assertThat(send(scheduler().header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01})).build()).statusCode()).isEqualTo(400);
    HttpResponse<String> json = send(scheduler().header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{not json")).build());
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.body()).startsWith("Failed to convert JSON into Call protobuf");
    HttpResponse<String> noType = send(scheduler().header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(noType.statusCode()).isEqualTo(400);
    assertThat(noType.body()).isEqualTo("Failed to validate scheduler::Call: Expecting 'type' to be present");
    HttpResponse<String> noFramework = send(scheduler().header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"REVIVE\"}")).build());
    assertThat(noFramework.body()).isEqualTo("Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
  }

  @Test
  void unknownFieldsAndEnumValuesInJsonAreIgnored() throws Exception {
    String body = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
        + "\"capabilities\":[{\"type\":\"PARTITION_AWARE\"}],\"some_future_field\":{}}}}";
    HttpResponse<java.io.InputStream> r = TestScheduler.HTTP.send(scheduler().header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    r.body().close();
  }

  @Test
  void subscribeWithUnacceptableAcceptIs406() throws Exception {
    HttpResponse<String> r = send(scheduler().header("Content-Type", "application/x-protobuf").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofByteArray(subscribeCall().toByteArray())).build());
    assertThat(r.statusCode()).isEqualTo(406);
  }

  @Test
  void subscribeWithAStreamIdIs400() throws Exception {
    HttpResponse<String> r = send(scheduler().header("Content-Type", "application/x-protobuf")
        .header("Mesos-Stream-Id", "x").POST(HttpRequest.BodyPublishers.ofByteArray(subscribeCall().toByteArray())).build());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("Subscribe calls should not include the 'Mesos-Stream-Id' header");
  }

  @Test
  void callsCheckFrameworkThenConnectionThenStreamId() {
    TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("ids").build());
    Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(s.frameworkId()).build();
    assertThat(s.post(revive).statusCode()).isEqualTo(202);
    HttpResponse<String> missing = s.post(revive, null);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).isEqualTo("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    HttpResponse<String> stale = s.post(revive, "not-the-stream");
    assertThat(stale.statusCode()).isEqualTo(400);
    assertThat(stale.body()).contains("didn't match the stream ID");
    HttpResponse<String> unknown = s.post(revive.toBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue("nope")).build());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).isEqualTo("Framework cannot be found");

    s.close();
    await().atMost(TestScheduler.WAIT).untilAsserted(() -> {
      HttpResponse<String> r = s.post(revive);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).isEqualTo("Framework is not subscribed");
    });
  }

  @Test
  void subscribedThenImmediateAndPeriodicHeartbeatsInProtobuf() {
    subscribedThenHeartbeats(false);
  }

  @Test
  void subscribedThenImmediateAndPeriodicHeartbeatsInJson() {
    subscribedThenHeartbeats(true);
  }

  private void subscribedThenHeartbeats(boolean json) {
    try (TestScheduler s = TestScheduler.subscribe(cluster.url(), TestScheduler.framework("hb").build(), json)) {
      assertThat(s.subscribeResponse.headers().firstValue("Content-Type"))
          .hasValue(json ? "application/json" : "application/x-protobuf");
      assertThat(s.subscribeResponse.headers().firstValue("Mesos-Stream-Id")).isPresent();
      Event subscribed = s.events.get(0);
      assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
      assertThat(subscribed.getSubscribed().getFrameworkId().getValue()).startsWith(cluster.state().masterId());
      assertThat(subscribed.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(0.3);
      assertThat(subscribed.getSubscribed().getMasterInfo().getPort()).isEqualTo(URI.create(cluster.url()).getPort());
      await().atMost(TestScheduler.WAIT).until(() -> s.events.size() > 1);
      assertThat(s.events.get(1).getType()).isEqualTo(Event.Type.HEARTBEAT);
      await().atMost(TestScheduler.WAIT).until(() -> s.all(e -> e.getType() == Event.Type.HEARTBEAT).size() >= 3);
    }
  }

  @Test
  @SuppressWarnings("deprecation") // FrameworkInfo.role, as frameworks without MULTI_ROLE send it.
  void invalidFrameworkInfoGetsAnErrorAndTheStreamCloses() {
    TestScheduler s = TestScheduler.open(cluster.url(), TestScheduler.framework("bad").setRole("/bad").build(), false);
    Event error = s.await(e -> e.getType() == Event.Type.ERROR);
    assertThat(error.getError().getMessage()).startsWith("'FrameworkInfo.role' is not a valid role");
    await().atMost(TestScheduler.WAIT).until(() -> s.ended);
  }

  @Test
  void teardownRemovesTheFrameworkForGood() {
    TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("teardown").build());
    FrameworkID id = s.frameworkId();
    s.call(Call.newBuilder().setType(Call.Type.TEARDOWN));
    await().atMost(TestScheduler.WAIT).until(() -> s.ended);
    assertThat(cluster.state().framework(id.getValue())).isEmpty();
    TestScheduler again = TestScheduler.open(cluster.url(), TestScheduler.framework("teardown").setId(id).build(), false);
    assertThat(again.await(e -> e.getType() == Event.Type.ERROR).getError().getMessage())
        .isEqualTo("Framework has been removed");
  }

  @Test
  void redirectPointsAtTheLeader() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(cluster.url() + "/master/redirect")).GET().build());
    assertThat(r.statusCode()).isEqualTo(307);
    assertThat(r.headers().firstValue("Location")).hasValue("//127.0.0.1:" + URI.create(cluster.url()).getPort());
  }
}
