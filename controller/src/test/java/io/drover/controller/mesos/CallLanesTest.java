package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/** Which calls go out while earlier ones are unanswered: a fake "send" whose answers the test gives. */
class CallLanesTest {

  private final CallLanes lanes = new CallLanes();
  /** Calls sent so far, by label, with the future the test completes to answer them. */
  private final Map<String, CompletableFuture<Void>> sent = new LinkedHashMap<>();

  private void submit(String label, Call call) {
    lanes.submit(call, () -> {
      CompletableFuture<Void> answer = new CompletableFuture<>();
      sent.put(label, answer);
      return answer;
    });
  }

  private void answer(String label) {
    sent.get(label).complete(null);
  }

  private List<String> sent() {
    return new ArrayList<>(sent.keySet());
  }

  private static Call ordered(Call.Type type) {
    return Call.newBuilder().setType(type).build();
  }

  private static Call accept(String offer) {
    return Call.newBuilder().setType(Call.Type.ACCEPT)
        .setAccept(Call.Accept.newBuilder().addOfferIds(OfferID.newBuilder().setValue(offer))).build();
  }

  private static Call decline(String offer) {
    return Call.newBuilder().setType(Call.Type.DECLINE)
        .setDecline(Call.Decline.newBuilder().addOfferIds(OfferID.newBuilder().setValue(offer))).build();
  }

  private static Call ack(String task) {
    return Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(task)).setAgentId(AgentID.newBuilder().setValue("a1"))
        .setUuid(ByteString.copyFromUtf8(task))).build();
  }

  @Test
  void orderedCallsGoOutOneAfterAnother() {
    submit("revive", ordered(Call.Type.REVIVE));
    submit("suppress", ordered(Call.Type.SUPPRESS));
    assertThat(sent()).containsExactly("revive");
    answer("revive");
    assertThat(sent()).containsExactly("revive", "suppress");
  }

  @Test
  void aFailedCallDoesNotHoldBackTheNextOne() {
    submit("revive", ordered(Call.Type.REVIVE));
    submit("suppress", ordered(Call.Type.SUPPRESS));
    sent.get("revive").completeExceptionally(new RuntimeException("connection refused"));
    assertThat(sent()).containsExactly("revive", "suppress");
  }

  @Test
  void aRoundsOfferAnswersGoOutTogetherAfterTheOrderedCallBeforeThem() {
    submit("revive", ordered(Call.Type.REVIVE));
    submit("accept-1", accept("o1"));
    submit("accept-2", accept("o2"));
    submit("decline-3", decline("o3"));
    assertThat(sent()).containsExactly("revive");
    answer("revive");
    assertThat(sent()).containsExactly("revive", "accept-1", "accept-2", "decline-3");
  }

  @Test
  void offerAnswersBeyondTheLanesWaitForAnEarlierAnswer() {
    for (int i = 0; i < CallLanes.ANSWER_LANES + 1; i++) {
      submit("accept-" + i, accept("o" + i));
    }
    assertThat(sent()).hasSize(CallLanes.ANSWER_LANES);
    answer("accept-0");
    assertThat(sent()).hasSize(CallLanes.ANSWER_LANES + 1).endsWith("accept-" + CallLanes.ANSWER_LANES);
  }

  @Test
  void anOrderedCallWaitsForEveryOfferAnswerBeforeIt() {
    submit("accept-1", accept("o1"));
    submit("accept-2", accept("o2"));
    submit("suppress", ordered(Call.Type.SUPPRESS));
    submit("accept-3", accept("o3"));
    answer("accept-2");
    assertThat(sent()).containsExactly("accept-1", "accept-2");
    answer("accept-1");
    assertThat(sent()).containsExactly("accept-1", "accept-2", "suppress");
    answer("suppress");
    assertThat(sent()).containsExactly("accept-1", "accept-2", "suppress", "accept-3");
  }

  @Test
  void acknowledgementsOvertakeUnansweredCallsAndEachOther() {
    submit("accept", accept("o1"));
    submit("kill", ordered(Call.Type.KILL));
    for (int i = 0; i < CallLanes.ACK_LANES * 4; i++) {
      submit("ack-" + i, ack("task-" + i));
    }
    assertThat(sent()).contains("accept").doesNotContain("kill");
    // every lane has one acknowledgement out; those on a busy lane wait for it, not for the others
    long acksOut = sent().stream().filter(label -> label.startsWith("ack-")).count();
    assertThat(acksOut).isGreaterThan(1).isLessThanOrEqualTo(CallLanes.ACK_LANES);
  }

  @Test
  void aTasksAcknowledgementsKeepTheirOrder() {
    submit("first", ack("task-1"));
    submit("second", ack("task-1"));
    assertThat(sent()).containsExactly("first");
    answer("first");
    assertThat(sent()).containsExactly("first", "second");
  }

  @Test
  void afterAResetNewCallsDoNotWaitForTheOldOnes() {
    submit("old-revive", ordered(Call.Type.REVIVE));
    submit("old-accept", accept("o1"));
    lanes.reset();
    submit("new-revive", ordered(Call.Type.REVIVE));
    assertThat(sent()).containsExactly("old-revive", "new-revive");
  }
}
