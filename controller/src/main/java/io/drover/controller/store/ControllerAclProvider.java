package io.drover.controller.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.api.CuratorEventType;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL of every node the controller creates: the ACL of the top-level node it lies under
 * ({@code ROOT/status}, {@code ROOT/scheduler} or {@code ROOT/leader}), as {@code drover zk init}
 * set it. So a status node is readable by the user identity and writable only by the controller,
 * without the controller knowing the user's credentials.
 *
 * <p>The three ACLs are read in the background each time the client (re)connects, so
 * {@link #getAclForPath} never talks to ZooKeeper (Curator calls it on its own threads). Until they
 * are known, and for a top-level node that is absent, masked or unreadable, a new node gets the
 * fallback: when the client has digest credentials, every permission for the creating identity
 * ({@code auth}) and read for everyone (so that users can still read status in a setup where
 * {@code drover zk init} was never run); without credentials, ZooKeeper's open ACL, which is what a
 * Drover without ACLs runs with. {@code drover zk init} repairs any node created with the fallback.
 * Thread-safe.
 */
public final class ControllerAclProvider implements ACLProvider {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerAclProvider.class);
  private static final String MASKED_DIGEST_SUFFIX = ":x";

  private final StorePaths paths;
  private final String namespace;
  private final List<ACL> fallback;
  private final Map<String, List<ACL>> known = new ConcurrentHashMap<>();

  private ControllerAclProvider(StorePaths paths, String namespace, List<ACL> fallback) {
    this.paths = paths;
    this.namespace = namespace;
    this.fallback = fallback;
  }

  /** A provider for a client built from {@code settings}; {@link #follow} it once built. */
  public static ControllerAclProvider create(ZkSettings settings) {
    List<ACL> fallback = settings.digestAuth() == null
        ? ZooDefs.Ids.OPEN_ACL_UNSAFE
        : List.of(new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.AUTH_IDS),
            new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
    return new ControllerAclProvider(settings.paths(), settings.chroot(), fallback);
  }

  /** Reloads the top-level ACLs whenever {@code client} (built with this provider) connects. */
  public void follow(CuratorFramework client) {
    client.getConnectionStateListenable().addListener((c, state) -> {
      if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
        refresh(c);
      }
    });
  }

  @Override
  public List<ACL> getDefaultAcl() {
    return fallback;
  }

  @Override
  public List<ACL> getAclForPath(String path) {
    String inRoot = AccessDenied.withoutNamespace(namespace, path);
    Optional<String> top = NodeClass.subtreeOf(paths, inRoot)
        .filter(t -> NodeClass.of(paths, t).equals(Optional.of(NodeClass.CONTROLLER)));
    return top.map(known::get).orElse(fallback);
  }

  /**
   * Reads the three top-level ACLs in the background. A client closed since it connected (the
   * connection's event is delivered on Curator's own thread, perhaps after a quick shutdown) has
   * no nodes left to create, so there is nothing to refresh and nothing to warn about.
   */
  void refresh(CuratorFramework client) {
    for (String top : List.of(paths.statuses(), paths.scheduler(), paths.leader())) {
      try {
        client.getACL().inBackground((c, event) -> {
          if (event.getType() != CuratorEventType.GET_ACL) {
            return;
          }
          if (event.getResultCode() == KeeperException.Code.OK.intValue()
              && usable(event.getACLList())) {
            known.put(top, List.copyOf(event.getACLList()));
          } else {
            known.remove(top);
            LOG.debug("no usable ACL on {} (result {}); new nodes below it get the fallback ACL",
                top, event.getResultCode());
          }
        }).forPath(top);
      } catch (Exception e) {
        if (client.getState() == CuratorFrameworkState.STOPPED) {
          return;
        }
        LOG.warn("cannot read the ACL of {}; new nodes below it get the fallback ACL", top, e);
      }
    }
  }

  /** An ACL can be copied when it is non-empty and ZooKeeper did not mask its digests. */
  private static boolean usable(List<ACL> acl) {
    return acl != null && !acl.isEmpty() && acl.stream().noneMatch(a ->
        "digest".equals(a.getId().getScheme()) && a.getId().getId().endsWith(MASKED_DIGEST_SUFFIX));
  }
}
