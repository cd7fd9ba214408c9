package io.drover.mesoslocal;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.OfferID;

/**
 * Everything the master knows, shared by the master's components. Owned by the master loop; never
 * touched from another thread.
 */
final class MasterState {

  final Clock clock;
  MasterInfo masterInfo;
  /** When this master started leading (ms since the epoch); a failover starts a new one. */
  long electedAt;
  final Map<String, FrameworkRecord> frameworks = new LinkedHashMap<>();
  /** Frameworks removed by TEARDOWN or failover timeout; they may not subscribe again. */
  final Set<String> completedFrameworks = new HashSet<>();
  /**
   * The latest removed frameworks as {@code /state} lists them under {@code completed_frameworks},
   * oldest first, at most {@value #COMPLETED_FRAMEWORKS_KEPT} (the real master's
   * {@code --max_completed_frameworks}); a master failover forgets them, as a real one does.
   */
  final Map<String, CompletedFramework> removedFrameworks = new LinkedHashMap<>();
  static final int COMPLETED_FRAMEWORKS_KEPT = 50;
  final Map<String, AgentRecord> agents = new LinkedHashMap<>();
  final Map<String, OfferRecord> offers = new LinkedHashMap<>();
  private long nextFrameworkId;
  private long nextOfferId;

  MasterState(Clock clock, MasterInfo masterInfo) {
    this.clock = clock;
    this.masterInfo = masterInfo;
    this.electedAt = clock.millis();
  }

  String masterId() {
    return masterInfo.getId();
  }

  FrameworkID newFrameworkId() {
    return FrameworkID.newBuilder().setValue(String.format("%s-%04d", masterId(), nextFrameworkId++)).build();
  }

  OfferID newOfferId() {
    return OfferID.newBuilder().setValue(masterId() + "-O" + nextOfferId++).build();
  }

  /** Seconds since the epoch, as Mesos timestamps are. */
  double now() {
    return clock.millis() / 1000.0;
  }

  /** Keeps a removed framework for the views, forgetting the oldest beyond the limit. */
  void completed(CompletedFramework framework) {
    removedFrameworks.put(framework.framework().idValue(), framework);
    while (removedFrameworks.size() > COMPLETED_FRAMEWORKS_KEPT) {
      removedFrameworks.remove(removedFrameworks.keySet().iterator().next());
    }
  }

  Optional<FrameworkRecord> framework(String id) {
    return Optional.ofNullable(frameworks.get(id));
  }

  /** Finds a live task by id alone (fault injection addresses tasks that way). */
  Optional<TaskRecord> anyTask(String taskId) {
    for (AgentRecord agent : agents.values()) {
      for (TaskRecord t : agent.tasks.values()) {
        if (t.key.taskId().equals(taskId)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  /** A status update's uuid, as its 16 bytes. */
  static ByteString randomUuid() {
    UUID uuid = fastRandomUuid();
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return ByteString.copyFrom(b.array());
  }

  /**
   * A random (version 4) UUID from the thread's non-cryptographic generator, for status update uuids
   * and container ids, which only need to be unique (Mesos's {@code UUID::random()} keeps a generator
   * per thread too): {@link UUID#randomUUID} reads the shared SecureRandom under a lock, a cost per
   * status update on the master loop.
   */
  static UUID fastRandomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
