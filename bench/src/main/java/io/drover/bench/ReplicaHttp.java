package io.drover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.local.ReplicaApi;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a controller replica says about itself over its HTTP API: {@code GET /v1/leader} (who
 * leads, since when, when its first reconcile finished) and, from {@code /metrics}, whether its
 * Mesos subscription is up and its reconcile queue's depth. An unreachable replica answers empty.
 */
final class ReplicaHttp {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern SUBSCRIBED =
      Pattern.compile("(?m)^drover_mesos_subscribed(\\{[^}]*})? 1(\\.0)?$");
  private static final Pattern QUEUE_DEPTH =
      Pattern.compile("(?m)^drover_reconcile_queue_depth(\\{[^}]*})? ([0-9.eE+]+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A replica's view of the leadership. */
  record Leader(String leaderId, boolean leading, Instant since, Instant firstReconcile) {}

  private final ReplicaApi api = new ReplicaApi(TIMEOUT);

  /** {@code GET /v1/leader} of the replica at {@code address}. */
  Optional<Leader> leader(String address) {
    return get(address, "/v1/leader").map(body -> {
      try {
        JsonNode n = JSON.readTree(body);
        JsonNode leader = n.path("leader");
        return new Leader(
            leader.isObject() ? leader.path("id").asText() : null,
            n.path("leading").asBoolean(),
            instant(n.path("since")),
            instant(n.path("firstReconcile")));
      } catch (IOException e) {
        return null;
      }
    });
  }

  /** Whether the replica's {@code /metrics} show its Mesos subscription up. */
  boolean subscribed(String address) {
    return get(address, "/metrics").map(body -> SUBSCRIBED.matcher(body).find()).orElse(false);
  }

  /** The replica's reconcile queue depth from its {@code /metrics}, empty when not shown. */
  Optional<Long> queueDepth(String address) {
    return get(address, "/metrics").flatMap(body -> {
      Matcher m = QUEUE_DEPTH.matcher(body);
      return m.find() ? Optional.of(Math.round(Double.parseDouble(m.group(2)))) : Optional.empty();
    });
  }

  /** How many services {@code GET /v1/services} shows Ready; empty when the replica does not answer. */
  Optional<Long> readyServices(String address) {
    return get(address, "/v1/services").map(body -> {
      try {
        long ready = 0;
        for (JsonNode row : JSON.readTree(body).path("services")) {
          ready += row.path("ready").asBoolean() ? 1 : 0;
        }
        return ready;
      } catch (IOException e) {
        return null;
      }
    });
  }

  /** The body of a 200 answer; empty otherwise (an interrupt is kept for the caller's wait). */
  private Optional<String> get(String address, String path) {
    try {
      return api.get(address, path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Instant instant(JsonNode n) {
    return n.isTextual() ? Instant.parse(n.asText()) : null;
  }
}
