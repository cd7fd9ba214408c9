package io.drover.controller.store;

import io.drover.api.Services;
import io.drover.api.status.ServiceStatus;
import java.io.IOException;
import java.time.Instant;
import org.apache.zookeeper.data.Stat;

/**
 * The controller-owned status of one service as read from {@code ROOT/status/NAME}.
 *
 * <p>Decoding never fails: unreadable JSON gives a document with a null {@link #status()} and the
 * reason in {@link #error()}, so one bad node cannot break a listing.
 *
 * @param name the service name
 * @param status the status, or null when the node's content could not be read
 * @param error why the content could not be read, or null
 * @param version the node's version
 * @param modified when the controller last wrote it
 */
public record StatusDocument(
    String name, ServiceStatus status, String error, long version, Instant modified) {

  /** Decodes a status node's content; {@code source} names the node in the error. */
  public static StatusDocument decode(String source, String name, byte[] data, Stat stat) {
    ServiceStatus status = null;
    String error = null;
    try {
      // A node created without data reads as empty, whether read alone or in a pipelined list.
      status = Services.statusMapper().readValue(data == null ? new byte[0] : data, ServiceStatus.class);
    } catch (IOException | RuntimeException e) {
      error = source + " holds unreadable status JSON: " + e.getMessage();
    }
    return new StatusDocument(name, status, error, stat.getVersion(),
        Instant.ofEpochMilli(stat.getMtime()));
  }
}
