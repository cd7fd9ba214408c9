package io.drover.controller.store;

import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.ClientInfo;

/**
 * Who a client is in ZooKeeper's eyes, asked from the server ({@code whoami}), for messages: the
 * digest users its session authenticated as, or {@code anonymous}.
 */
final class SessionIdentity {

  private SessionIdentity() {}

  /** E.g. {@code user 'ci'}, {@code users 'a', 'b'}, {@code anonymous}, or {@code this client}. */
  static String describe(CuratorFramework client) {
    List<ClientInfo> infos;
    try {
      infos = client.getZookeeperClient().getZooKeeper().whoAmI();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "this client";
    } catch (Exception e) {
      // Only for a message: a server that cannot answer leaves the identity unnamed.
      return "this client";
    }
    return describe(infos);
  }

  static String describe(List<ClientInfo> infos) {
    List<String> users = infos.stream()
        .filter(i -> "digest".equals(i.getAuthScheme()))
        .map(i -> "'" + i.getUser() + "'")
        .toList();
    if (users.isEmpty()) {
      return "anonymous";
    }
    return (users.size() == 1 ? "user " : "users ") + String.join(", ", users);
  }
}
