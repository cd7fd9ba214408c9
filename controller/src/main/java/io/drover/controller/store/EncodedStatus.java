package io.drover.controller.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.status.ServiceStatus;
import java.util.Optional;

/**
 * A service's status (empty: no node) and its whole JSON (empty for no node), encoded once: the
 * status writer compares the JSON with what is stored, and {@link StatusWrites} writes the same
 * bytes, cut to the budget only when they are too large ({@link StatusBudget}).
 */
public record EncodedStatus(Optional<ServiceStatus> status, byte[] json) {
  private static final byte[] NONE = new byte[0];

  /** Encodes {@code status} with {@code mapper} (the status mapper, as every status node is written). */
  public static EncodedStatus of(Optional<ServiceStatus> status, ObjectMapper mapper) throws JsonProcessingException {
    return new EncodedStatus(status, status.isEmpty() ? NONE : mapper.writeValueAsBytes(status.get()));
  }
}
