package io.drover.controller.store;

import io.drover.api.Services;
import io.drover.api.status.ServiceStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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

  /** Reads the whole status. */
  public static final Reader WHOLE = new Whole();

  /** Decodes a status node's content; {@code source} names the node in the error. */
  public static StatusDocument decode(String source, String name, byte[] data, Stat stat) {
    return decode(source, name, data, stat, WHOLE);
  }

  /**
   * Decodes a status node's content with {@code reader}, which may read only part of it; {@code
   * source} names the node in the error.
   */
  public static StatusDocument decode(String source, String name, byte[] data, Stat stat,
      Reader reader) {
    ServiceStatus status = null;
    String error = null;
    try {
      // A node created without data reads as empty, whether read alone or in a pipelined list.
      status = reader.read(data == null ? new byte[0] : data);
    } catch (IOException | RuntimeException e) {
      error = source + " holds unreadable status JSON: " + e.getMessage();
    }
    return new StatusDocument(name, status, error, stat.getVersion(),
        Instant.ofEpochMilli(stat.getMtime()));
  }

  /**
   * Status nodes decoded with {@code reader}, in their order, on the common pool and this thread at
   * once; decoding never fails (an unreadable status says so).
   */
  static List<StatusDocument> decodeAll(List<StoredNode> nodes, Reader reader) {
    return nodes.parallelStream()
        .map(n -> decode(n.path(), n.name(), n.data(), n.stat(), reader))
        .toList();
  }

  /** The whole status, bound by Jackson (a class, not a lambda: no method handles spun at start). */
  private static final class Whole implements Reader {
    @Override
    public ServiceStatus read(byte[] json) throws IOException {
      return Services.statusMapper().readValue(json, ServiceStatus.class);
    }
  }

  /** Reads a status from its JSON. */
  @FunctionalInterface
  public interface Reader {
    /** The status {@code json} holds; fails when it holds none. */
    ServiceStatus read(byte[] json) throws IOException;
  }
}
