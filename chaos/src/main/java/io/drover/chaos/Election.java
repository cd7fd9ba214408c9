package io.drover.chaos;

import io.drover.controller.ha.ReplicaInfo;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/** Reads the controller election under {@code /drover/leader}: who leads, on which session. */
final class Election {
  private static final String PATH = "/drover/leader";

  private Election() {}

  /** The leading replica's id and ZooKeeper session: the owner of the lowest sequence node. */
  record Leader(String replicaId, long sessionId, String node) {}

  static Optional<Leader> leader(CuratorFramework client) throws Exception {
    List<String> nodes = client.getChildren().forPath(PATH);
    Optional<String> lowest = nodes.stream().min(Comparator.comparing(Election::sequence));
    if (lowest.isEmpty()) {
      return Optional.empty();
    }
    String path = PATH + "/" + lowest.get();
    Stat stat = new Stat();
    byte[] data = client.getData().storingStatIn(stat).forPath(path);
    Optional<ReplicaInfo> info = ReplicaInfo.decode(new String(data, StandardCharsets.UTF_8));
    return info.map(i -> new Leader(i.id(), stat.getEphemeralOwner(), path));
  }

  /** The sequence suffix of a latch node ({@code _c_<uuid>-latch-0000000007}). */
  private static String sequence(String node) {
    return node.substring(Math.max(0, node.length() - 10));
  }
}
