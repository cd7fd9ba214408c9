package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.awaitility.Awaitility;

/**
 * A minimal v1 HTTP scheduler for the conformance tests: subscribes over real HTTP, reads the
 * RecordIO stream on its own thread into {@link #events}, and posts calls with the stream id.
 */
final class TestScheduler implements AutoCloseable {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final Duration WAIT = Duration.ofSeconds(20);

  final String url;
  final boolean json;
  final List<Event> events = new CopyOnWriteArrayList<>();
  final HttpResponse<InputStream> subscribeResponse;
  volatile boolean ended;
  volatile boolean autoAck;
  /** What stopped the reader thread other than the end of the stream (a failed auto-acknowledgement). */
  volatile Throwable readerFailure;
  private volatile FrameworkID frameworkId;

  private TestScheduler(String url, boolean json, HttpResponse<InputStream> response) {
    this.url = url;
    this.json = json;
    this.subscribeResponse = response;
    Thread reader = new Thread(this::read, "test-scheduler-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static FrameworkInfo.Builder framework(String name) {
    return FrameworkInfo.newBuilder().setName(name).setUser(System.getProperty("user.name"))
        .setFailoverTimeout(60);
  }

  static FrameworkInfo.Builder partitionAware(String name) {
    return framework(name)
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.PARTITION_AWARE));
  }

  static TestScheduler subscribe(MesosLocal cluster, FrameworkInfo info) {
    return subscribe(cluster.url(), info, false);
  }

  /** Subscribes and waits for SUBSCRIBED. */
  static TestScheduler subscribe(String url, FrameworkInfo info, boolean json) {
    TestScheduler s = open(url, info, json);
    s.await(e -> e.getType() == Event.Type.SUBSCRIBED);
    return s;
  }

  /** Subscribes without waiting for any event. */
  static TestScheduler open(String url, FrameworkInfo info, boolean json) {
    return open(url, Call.Subscribe.newBuilder().setFrameworkInfo(info).build(), json);
  }

  /** Subscribes with a full Subscribe message (suppressed roles and so on), in protobuf. */
  static TestScheduler openWith(String url, Call.Subscribe subscribe) {
    return open(url, subscribe, false);
  }

  private static TestScheduler open(String url, Call.Subscribe subscribe, boolean json) {
    FrameworkInfo info = subscribe.getFrameworkInfo();
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(subscribe);
    if (info.hasId()) {
      call.setFrameworkId(info.getId());
    }
    try {
      HttpResponse<InputStream> response = HTTP.send(request(url, call.build(), json, null), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).as("SUBSCRIBE status").isEqualTo(200);
      return new TestScheduler(url, json, response);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static HttpRequest request(String url, Call call, boolean json, String streamId) {
    byte[] body;
    try {
      body = json ? JsonFormat.printer().preservingProtoFieldNames().print(call).getBytes(StandardCharsets.UTF_8)
          : call.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String type = json ? "application/json" : "application/x-protobuf";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/v1/scheduler"))
        .header("Content-Type", type).header("Accept", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (streamId != null) {
      b.header("Mesos-Stream-Id", streamId);
    }
    return b.build();
  }

  private void read() {
    try (InputStream in = subscribeResponse.body()) {
      RecordIoReader reader = new RecordIoReader(in);
      byte[] record;
      while ((record = reader.next()) != null) {
        Event event = json ? MediaType.JSON.decode(record, Event.newBuilder()).build() : Event.parseFrom(record);
        if (event.getType() == Event.Type.SUBSCRIBED) {
          frameworkId = event.getSubscribed().getFrameworkId();
        }
        events.add(event);
        if (autoAck && event.getType() == Event.Type.UPDATE && event.getUpdate().getStatus().hasUuid()) {
          acknowledge(event.getUpdate().getStatus());
        }
      }
    } catch (IOException e) {
      // The connection went away; 'ended' says so.
    } catch (RuntimeException | AssertionError e) {
      readerFailure = e;
    } finally {
      ended = true;
    }
  }

  String streamId() {
    return subscribeResponse.headers().firstValue("Mesos-Stream-Id").orElseThrow();
  }

  FrameworkID frameworkId() {
    return frameworkId;
  }

  Event await(Predicate<Event> match) {
    return await(match, WAIT);
  }

  Event await(Predicate<Event> match, Duration timeout) {
    try {
      Awaitility.await().atMost(timeout).until(() -> {
        if (readerFailure != null) {
          throw new AssertionError("the event reader failed", readerFailure);
        }
        return find(match).isPresent();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no matching event within " + timeout + "; got: " + summary(), e);
    }
    return find(match).orElseThrow();
  }

  /** One line per event, for failure messages. */
  String summary() {
    StringBuilder out = new StringBuilder();
    for (Event e : events) {
      out.append("\n  ").append(e.getType());
      if (e.getType() == Event.Type.UPDATE) {
        TaskStatus st = e.getUpdate().getStatus();
        out.append(' ').append(st.getTaskId().getValue()).append(' ').append(st.getState())
            .append(' ').append(st.getReason()).append(" '").append(st.getMessage()).append('\'');
      } else if (e.getType() == Event.Type.ERROR) {
        out.append(' ').append(e.getError().getMessage());
      }
    }
    return out.toString();
  }

  /**
   * Waits for the next HEARTBEAT. Events on a stream are ordered, so afterwards every event the
   * master produced before this call has been received.
   */
  void sync() {
    int heartbeats = all(e -> e.getType() == Event.Type.HEARTBEAT).size();
    Awaitility.await().atMost(WAIT).until(() -> all(e -> e.getType() == Event.Type.HEARTBEAT).size() > heartbeats);
  }

  Optional<Event> find(Predicate<Event> match) {
    return events.stream().filter(match).findFirst();
  }

  List<Event> all(Predicate<Event> match) {
    return events.stream().filter(match).toList();
  }

  List<Offer> offers() {
    List<Offer> out = new ArrayList<>();
    all(e -> e.getType() == Event.Type.OFFERS).forEach(e -> out.addAll(e.getOffers().getOffersList()));
    return out;
  }

  /** The first offer received after {@code after} offers were seen. */
  Offer awaitOffer(int after) {
    Awaitility.await().atMost(WAIT).until(() -> offers().size() > after);
    return offers().get(after);
  }

  Offer awaitOffer() {
    return awaitOffer(0);
  }

  /** The first offer, among those not yet {@code used}, that matches. */
  Offer awaitOffer(Predicate<Offer> match, java.util.Set<OfferID> used) {
    Awaitility.await().atMost(WAIT).until(() -> offers().stream().anyMatch(o -> !used.contains(o.getId()) && match.test(o)));
    Offer offer = offers().stream().filter(o -> !used.contains(o.getId()) && match.test(o)).findFirst().orElseThrow();
    used.add(offer.getId());
    return offer;
  }

  TaskStatus awaitUpdate(String taskId, TaskState state) {
    return await(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && e.getUpdate().getStatus().getState() == state).getUpdate().getStatus();
  }

  List<TaskStatus> updates(String taskId) {
    return all(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId))
        .stream().map(e -> e.getUpdate().getStatus()).toList();
  }

  HttpResponse<String> post(Call call) {
    return post(call, streamId());
  }

  HttpResponse<String> post(Call call, String streamId) {
    try {
      return HTTP.send(request(url, call, json, streamId), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Posts a call that is safe to send twice (TEARDOWN), sending it once more when the first attempt
   * failed in transport: the master may close a kept-alive connection just as the shared client
   * picks it from its pool for this call ("HTTP/1.1 header parser received no bytes"), and a POST
   * is not retried by the client itself.
   */
  HttpResponse<String> postTwiceIfNeeded(Call call) {
    try {
      return HTTP.send(request(url, call, json, streamId()), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return post(call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Posts and asserts 202. */
  void call(Call.Builder call) {
    HttpResponse<String> response = post(call.setFrameworkId(frameworkId).build());
    assertThat(response.statusCode()).as("%s answered %s", call.getType(), response.body()).isEqualTo(202);
  }

  void launch(Offer offer, TaskInfo... tasks) {
    launch(offer, Filters.newBuilder().setRefuseSeconds(0).build(), tasks);
  }

  void launch(Offer offer, Filters filters, TaskInfo... tasks) {
    call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
        .addOfferIds(offer.getId())
        .setFilters(filters)
        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
            .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))))));
  }

  void accept(OfferID offer, Offer.Operation... operations) {
    call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
        .addOfferIds(offer)
        .setFilters(Filters.newBuilder().setRefuseSeconds(0))
        .addAllOperations(List.of(operations))));
  }

  void decline(Offer offer, double refuseSeconds) {
    call(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
        .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds))));
  }

  void acknowledge(TaskStatus status) {
    call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())));
  }

  void kill(String taskId) {
    call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(taskId))));
  }

  void reconcile(TaskID taskId, AgentID agentId) {
    Call.Reconcile.Task.Builder t = Call.Reconcile.Task.newBuilder().setTaskId(taskId);
    if (agentId != null) {
      t.setAgentId(agentId);
    }
    call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder().addTasks(t)));
  }

  static TaskInfo task(String id, Offer offer, String cmd, double cpus, double mem) {
    return TaskInfo.newBuilder()
        .setName(id)
        .setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(offer.getAgentId())
        .setCommand(CommandInfo.newBuilder().setValue(cmd))
        .addResources(scalar("cpus", cpus, offer))
        .addResources(scalar("mem", mem, offer))
        .build();
  }

  /** A scalar resource allocated as the offer is (offers to frameworks without MULTI_ROLE carry no allocation). */
  static Resource scalar(String name, double value, Offer offer) {
    return allocated(Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)), offer);
  }

  static Resource ports(long begin, long end, Offer offer) {
    return allocated(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end))), offer);
  }

  private static Resource allocated(Resource.Builder r, Offer offer) {
    if (offer.hasAllocationInfo()) {
      r.setAllocationInfo(offer.getAllocationInfo());
    }
    return r.build();
  }

  @Override
  public void close() {
    try {
      subscribeResponse.body().close();
    } catch (IOException e) {
      // Closing is best effort; the cluster notices on its next write.
    }
  }
}
