package io.drover.controller.ha;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Who a controller replica is, as stored in its election node so that every replica can tell
 * clients where the leader's HTTP API is.
 *
 * @param id unique among the replicas, stable for the life of the process
 * @param httpAddress {@code host:port} of its HTTP API
 */
public record ReplicaInfo(String id, String httpAddress) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ReplicaInfo {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a replica needs a non-empty id");
    }
  }

  /** The election node's payload. */
  public String encode() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + this, e);
    }
  }

  /** Reads an election node's payload; empty when it was not written by a Drover replica. */
  public static Optional<ReplicaInfo> decode(String payload) {
    if (payload == null || payload.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(payload.getBytes(StandardCharsets.UTF_8), ReplicaInfo.class));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
