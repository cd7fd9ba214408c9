package io.drover.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.local.ReplicaApi;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a controller replica says over its HTTP API: {@code /v1/leader}, the meters of {@code
 * /metrics} the invariants use, and {@code /v1/services}. A replica that does not answer within
 * the timeout answers empty.
 */
final class ReplicaClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACTING = meter("drover_leader");
  private static final Pattern SUBSCRIBED = meter("drover_mesos_subscribed");
  private static final Pattern FENCED = meter("drover_fenced_writes_total");
  private static final Pattern FENCED_BY_ZK = meter("drover_fenced_writes_by_zookeeper_total");

  private final ReplicaApi api = new ReplicaApi(TIMEOUT);

  /** The replica {@code id} at {@code address}, as it answers now. */
  Snapshot.Replica read(String id, String address) throws InterruptedException {
    Optional<String> leader = api.get(address, "/v1/leader");
    Optional<String> metrics = leader.isPresent() ? api.get(address, "/metrics") : Optional.empty();
    if (leader.isEmpty() || metrics.isEmpty()) {
      return new Snapshot.Replica(id, false, false, false, false, null, 0, 0);
    }
    String leaderId = null;
    try {
      JsonNode l = JSON.readTree(leader.get()).path("leader");
      leaderId = l.isObject() ? l.path("id").asText() : null;
    } catch (IOException e) {
      return new Snapshot.Replica(id, false, false, false, false, null, 0, 0);
    }
    String m = metrics.get();
    return new Snapshot.Replica(id, false, true, value(ACTING, m) == 1, value(SUBSCRIBED, m) == 1, leaderId,
        value(FENCED, m), value(FENCED_BY_ZK, m));
  }

  /** The rows of {@code GET /v1/services}, or empty when the replica does not answer. */
  Optional<Map<String, Snapshot.Row>> services(String address) throws InterruptedException {
    Optional<String> body = api.get(address, "/v1/services");
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try {
      Map<String, Snapshot.Row> rows = new HashMap<>();
      for (JsonNode s : JSON.readTree(body.get()).path("services")) {
        String name = s.path("name").asText();
        rows.put(name, new Snapshot.Row(name, s.path("generation").asLong(),
            s.path("observedGeneration").asLong(-1), s.path("ready").asBoolean(), s.path("running").asLong()));
      }
      return Optional.of(rows);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Pattern meter(String name) {
    return Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$");
  }

  /** The sum over a meter's series (0 when absent). */
  private static double value(Pattern meter, String metrics) {
    double sum = 0;
    Matcher m = meter.matcher(metrics);
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }
}
