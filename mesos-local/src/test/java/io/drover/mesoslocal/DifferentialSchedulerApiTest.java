package io.drover.mesoslocal;

import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Differential scenarios of the scheduler API: subscriptions, HTTP answers, disconnection, filters. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DifferentialSchedulerApiTest extends DifferentialBase {

  @Test
  @Order(1)
  void subscribeInProtobuf() throws Exception {
    check("SUBSCRIBE (protobuf): answer, first events, offers, heartbeat", run -> subscribe(run, false, "sub-pb"));
  }

  @Test
  @Order(2)
  void subscribeInJson() throws Exception {
    check("SUBSCRIBE (JSON): answer, first events, offers, heartbeat", run -> subscribe(run, true, "sub-json"));
  }

  private static void subscribe(Differential.Run run, boolean json, String role) throws Exception {
    FrameworkInfo info = drover(role, role).build();
    Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
    HttpResponse<InputStream> response = TestScheduler.HTTP.send(TestScheduler.request(run.url(), call, json, null),
        HttpResponse.BodyHandlers.ofInputStream());
    run.note("status " + response.statusCode() + ", Content-Type " + response.headers().firstValue("Content-Type")
        .orElse("-") + ", Mesos-Stream-Id " + (response.headers().firstValue("Mesos-Stream-Id").isPresent() ? "set" : "-")
        + ", Transfer-Encoding " + response.headers().firstValue("Transfer-Encoding").orElse("-"));
    response.body().close();
    TestScheduler s = run.track(TestScheduler.open(run.url(), info, json));
    Set<OfferID> used = new HashSet<>();
    Offer a0 = offerFrom(run, s, 0, used);
    Offer a1 = offerFrom(run, s, 1, used);
    s.await(e -> e.getType() == Event.Type.HEARTBEAT);
    run.note("first event: " + run.observed.event(s.events.get(0)));
    run.note("offers: " + run.observed.offer(a0) + " / " + run.observed.offer(a1));
    run.note("a HEARTBEAT arrived");
  }

  @Test
  @Order(3)
  void frameworksWithoutMultiRole() throws Exception {
    check("Offers to a framework without MULTI_ROLE", run -> {
      FrameworkInfo info = FrameworkInfo.newBuilder().setName("legacy").setUser(System.getProperty("user.name"))
          .setFailoverTimeout(60).build();
      TestScheduler s = run.subscribe(info);
      Offer a0 = offerFrom(run, s, 0, new HashSet<>());
      run.note("offer: " + run.observed.offer(a0));
    });
  }

  @Test
  @Order(4)
  void httpAnswers() throws Exception {
    check("HTTP answers: 202, 400s, 405, 415, 406", run -> {
      TestScheduler s = run.subscribe(drover("http", "http").build());
      Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(s.frameworkId()).build();
      note(run, "REVIVE with its stream id", s.post(revive));
      note(run, "REVIVE without Mesos-Stream-Id", s.post(revive, null));
      note(run, "REVIVE with another stream id", s.post(revive, "0d2b36c6-0d89-4c5b-9d58-4f1a6f0a1b2c"));
      note(run, "REVIVE of an unknown framework", s.post(revive.toBuilder()
          .setFrameworkId(org.apache.mesos.v1.Protos.FrameworkID.newBuilder().setValue("unknown-0000")).build()));
      note(run, "GET", TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(run.url() + "/api/v1/scheduler")).build(),
          HttpResponse.BodyHandlers.ofString()));
      note(run, "POST text/plain", TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(run.url() + "/api/v1/scheduler"))
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString()));
      note(run, "POST protobuf garbage", TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(run.url() + "/api/v1/scheduler"))
          .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofString("garbage")).build(),
          HttpResponse.BodyHandlers.ofString()));
      Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
          .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(drover("http2", "http").build())).build();
      note(run, "SUBSCRIBE accepting text/html", TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(run.url() + "/api/v1/scheduler"))
          .header("Content-Type", "application/x-protobuf").header("Accept", "text/html")
          .POST(HttpRequest.BodyPublishers.ofByteArray(subscribe.toByteArray())).build(), HttpResponse.BodyHandlers.ofString()));
      note(run, "SUBSCRIBE with a Mesos-Stream-Id", TestScheduler.HTTP.send(
          TestScheduler.request(run.url(), subscribe, false, "0d2b36c6-0d89-4c5b-9d58-4f1a6f0a1b2c"),
          HttpResponse.BodyHandlers.ofString()));
    });
  }

  /** Notes the status and body, with framework ids (they differ between clusters) written as {@code <id>}. */
  private static void note(Differential.Run run, String what, HttpResponse<String> response) {
    run.note(what + ": " + response.statusCode() + " '"
        + Observed.ids(response.body().trim()) + "'");
  }

  @Test
  @Order(5)
  void resubscribeFromANewConnection() throws Exception {
    check("Re-SUBSCRIBE with the same id from a new connection (scheduler failover)", run -> {
      FrameworkInfo info = drover("failover", "failover").build();
      TestScheduler first = run.subscribe(info);
      TestScheduler second = run.subscribe(info.toBuilder().setId(first.frameworkId()).build());
      first.await(e -> e.getType() == Event.Type.ERROR);
      await().atMost(TestScheduler.WAIT).until(() -> first.ended);
      run.note("old stream: " + events(run, first, 1, e -> e.getType() != Event.Type.HEARTBEAT
          && e.getType() != Event.Type.OFFERS) + ", then closed");
      run.note("new stream: " + run.observed.event(second.events.get(0)) + ", same framework id: "
          + second.frameworkId().equals(first.frameworkId()));
      Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(first.frameworkId()).build();
      run.note("REVIVE on the old stream id: " + first.post(revive).statusCode() + ", on the new: "
          + second.post(revive).statusCode());
    });
  }

  @Test
  @Order(6)
  void disconnectByClosingTheConnection() throws Exception {
    check("Disconnect by closing the connection: offers back at once, tasks killed after failover_timeout,"
        + " re-SUBSCRIBE after it", run -> {
      FrameworkInfo info = drover("closer", "disc").setFailoverTimeout(3).build();
      TestScheduler a = run.subscribe(info);
      a.autoAck = true;
      Set<OfferID> used = new HashSet<>();
      Offer a0 = offerFrom(run, a, 0, used);
      offerFrom(run, a, 1, used);
      // A refuses A0's leftovers for an hour, so they go to B; A keeps holding A1's offer.
      a.launch(a0, org.apache.mesos.v1.Protos.Filters.newBuilder().setRefuseSeconds(3600).build(),
          TestScheduler.task("disc-sleeper", a0, "echo $$ > pid; exec sleep 300", 0.1, 32));
      a.awaitUpdate("disc-sleeper", TaskState.TASK_RUNNING);
      long pid = pid(run, "disc-sleeper");
      TestScheduler b = run.subscribe(drover("watcher", "disc").build());
      offerFrom(run, b, 0, new HashSet<>());
      run.note("B's offers while A holds A1's: " + agents(run, b));
      a.close();
      offerFrom(run, b, 1, new HashSet<>());
      run.note("after A closed its connection B is offered A1");
      await().atMost(TestScheduler.WAIT).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      run.note("A's task process was killed after its failover_timeout");
      TestScheduler late = run.track(TestScheduler.open(run.url(), info.toBuilder().setId(a.frameworkId()).build(), false));
      late.await(e -> e.getType() == Event.Type.ERROR);
      await().atMost(TestScheduler.WAIT).until(() -> late.ended);
      run.note("re-SUBSCRIBE with A's id: " + events(run, late, 0, e -> true) + ", then closed");
    });
  }

  @Test
  @Order(7)
  void teardown() throws Exception {
    check("TEARDOWN: tasks killed, stream closed, no re-SUBSCRIBE", run -> {
      FrameworkInfo info = drover("teardown", "teardown").build();
      TestScheduler s = acking(run, info);
      running(run, s, 0, "td-sleeper", "echo $$ > pid; exec sleep 300");
      long pid = pid(run, "td-sleeper");
      int before = s.events.size();
      run.note("TEARDOWN: " + s.post(Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(s.frameworkId()).build())
          .statusCode());
      await().atMost(TestScheduler.WAIT).until(() -> s.ended);
      // Offers made just before the TEARDOWN may still arrive; what counts is what it is told about tasks.
      run.note("events after it: " + events(run, s, before, type(Event.Type.UPDATE, Event.Type.ERROR,
          Event.Type.FAILURE)) + ", then closed");
      await().atMost(TestScheduler.WAIT).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      run.note("its task process was killed");
      TestScheduler late = run.track(TestScheduler.open(run.url(), info.toBuilder().setId(s.frameworkId()).build(), false));
      late.await(e -> e.getType() == Event.Type.ERROR);
      run.note("re-SUBSCRIBE: " + events(run, late, 0, e -> true));
    });
  }

  @Test
  @Order(8)
  void declineWithFilters() throws Exception {
    check("DECLINE with refuse_seconds, then REVIVE clears the filters", run -> {
      TestScheduler s = run.subscribe(drover("decline", "decline").build());
      Set<OfferID> used = new HashSet<>();
      Offer a0 = offerFrom(run, s, 0, used);
      Offer a1 = offerFrom(run, s, 1, used);
      s.decline(a0, 3600);
      s.decline(a1, 1);
      offerFrom(run, s, 1, used);
      run.note("after declining A0 for an hour and A1 for a second, offered again: " + reoffered(run, s));
      s.call(Call.newBuilder().setType(Call.Type.REVIVE));
      offerFrom(run, s, 0, used);
      run.note("after REVIVE A0 is offered again");
    });
  }

  @Test
  @Order(9)
  void suppressAndRevive() throws Exception {
    check("SUPPRESS stops offers, REVIVE restarts them", run -> {
      TestScheduler a = run.subscribe(drover("suppress", "suppress").build());
      Set<OfferID> used = new HashSet<>();
      Offer a0 = offerFrom(run, a, 0, used);
      Offer a1 = offerFrom(run, a, 1, used);
      a.call(Call.newBuilder().setType(Call.Type.SUPPRESS));
      a.decline(a0, 0);
      a.decline(a1, 0);
      TestScheduler b = run.subscribe(drover("other", "suppress").build());
      Set<OfferID> bUsed = new HashSet<>();
      Offer b0 = offerFrom(run, b, 0, bUsed);
      Offer b1 = offerFrom(run, b, 1, bUsed);
      run.note("suppressed A got no offer while B got both agents: " + (a.offers().size() == 2));
      b.decline(b0, 3600);
      b.decline(b1, 3600);
      a.call(Call.newBuilder().setType(Call.Type.REVIVE));
      offerFrom(run, a, 0, used);
      offerFrom(run, a, 1, used);
      run.note("after REVIVE A is offered both agents");
    });
  }

  static long pid(Differential.Run run, String taskId) {
    Path file = await().atMost(TestScheduler.WAIT).until(() -> SandboxFiles.find(run.target.root(), taskId, "pid"),
        p -> p != null && p.toFile().length() > 0);
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> agents(Differential.Run run, TestScheduler s) {
    return s.offers().stream().map(o -> run.observed.agent(o.getAgentId())).distinct().sorted().toList();
  }

  /** The agents offered after the first two offers. */
  private static List<String> reoffered(Differential.Run run, TestScheduler s) {
    List<String> out = new ArrayList<>();
    for (Offer o : s.offers().subList(2, s.offers().size())) {
      out.add(run.observed.agent(o.getAgentId()));
    }
    return out.stream().distinct().sorted().toList();
  }
}
