package io.drover.controller.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.AuthInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.RetryUntilElapsed;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Opens Curator clients from {@link ZkSettings}, failing within the connection timeout instead of
 * hanging when ZooKeeper cannot be reached.
 *
 * <p>A chroot in the connection string becomes the client's namespace, so it behaves like a
 * ZooKeeper chroot but is created on first use. Operations on the returned client retry a lost
 * connection for at most the connection timeout, so no single call blocks much longer than that.
 */
public final class ZkClients {

  private static final int RETRY_SLEEP_MS = 250;
  /**
   * The largest answer a client accepts unless configured otherwise ({@code jute.maxbuffer}; the
   * client's default is 1 MiB): a recovery reads many entries' nodes in one request, as many as
   * their worst answer fits (see {@code PipelinedServiceReads}). Nothing is allocated up front.
   */
  static final int ANSWER_LIMIT_BYTES = 32 * 1024 * 1024;

  private ZkClients() {}

  /**
   * Returns a started client that is connected to ZooKeeper; the caller closes it.
   *
   * @throws StoreException with {@link StoreException.Code#UNAVAILABLE} when no connection was
   *     established within {@link ZkSettings#connectionTimeout()}
   */
  public static CuratorFramework connect(ZkSettings settings) throws StoreException {
    return connect(settings, List.of());
  }

  /**
   * Like {@link #connect(ZkSettings)}, authenticated with {@code moreAuth} besides the settings'
   * credentials ({@code drover zk init} acts as several identities at once).
   */
  public static CuratorFramework connect(ZkSettings settings, List<AuthInfo> moreAuth)
      throws StoreException {
    return started(settings, moreAuth).await();
  }

  /**
   * A started client that connects while the caller does other work, then waits for it as {@link
   * #connect(ZkSettings)} does (the connection timeout counted from now); the caller closes it.
   */
  public static PendingConnection connectInBackground(ZkSettings settings) {
    return started(settings, List.of());
  }

  /** A client of the settings, started: connecting, the connection timeout counted from now. */
  private static PendingConnection started(ZkSettings settings, List<AuthInfo> moreAuth) {
    CuratorFramework client = newClient(settings, moreAuth);
    client.start();
    return new PendingConnection(client, settings);
  }

  /**
   * An unstarted client for the controller, which must keep running while ZooKeeper is away: the
   * settings' configuration plus the connection-state policy leader election needs (only a lost
   * session is an error, so a suspended connection pauses the leader rather than deposing it).
   * Nodes it creates get the ACL {@code drover zk init} gave their part of the tree (see {@link
   * ControllerAclProvider}).
   */
  public static CuratorFramework controllerClient(ZkSettings settings) {
    ControllerAclProvider acls = ControllerAclProvider.create(settings);
    CuratorFramework client =
        builder(settings, List.of())
            .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
            .aclProvider(acls)
            .build();
    acls.follow(client);
    return client;
  }

  /**
   * A client for one command: without Curator's ensemble tracker, which would read the ensemble's
   * configuration on every connection to follow reconfigurations a short-lived client never sees.
   */
  private static CuratorFramework newClient(ZkSettings settings, List<AuthInfo> moreAuth) {
    return builder(settings, moreAuth).ensembleTracker(false).build();
  }

  private static CuratorFrameworkFactory.Builder builder(ZkSettings settings, List<AuthInfo> moreAuth) {
    int connectionMs = (int) Math.min(Integer.MAX_VALUE, settings.connectionTimeout().toMillis());
    CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
        .connectString(settings.hosts())
        .sessionTimeoutMs((int) Math.min(Integer.MAX_VALUE, settings.sessionTimeout().toMillis()))
        .connectionTimeoutMs(connectionMs)
        .retryPolicy(new RetryUntilElapsed(connectionMs, RETRY_SLEEP_MS));
    if (!settings.chroot().isEmpty()) {
      builder.namespace(settings.chroot());
    }
    ZKClientConfig config = settings.clientConfig() != null
        ? ZkTlsConfig.load(settings.clientConfig()) : ZkClientConfigs.fromSystemProperties();
    if (config.getProperty(ZKClientConfig.JUTE_MAXBUFFER) == null) {
      config.setProperty(ZKClientConfig.JUTE_MAXBUFFER, Integer.toString(ANSWER_LIMIT_BYTES));
    }
    builder.zkClientConfig(config);
    List<AuthInfo> auth = new ArrayList<>(moreAuth);
    if (settings.digestAuth() != null) {
      auth.add(new AuthInfo("digest", settings.digestAuth().getBytes(StandardCharsets.UTF_8)));
    }
    if (!auth.isEmpty()) {
      builder.authorization(auth);
    }
    return builder;
  }

  /** The error for a connection that was not established in time. */
  static StoreException unreachable(ZkSettings settings) {
    return new StoreException(StoreException.Code.UNAVAILABLE,
        "cannot reach ZooKeeper at " + settings.connectString() + " within "
            + Durations.format(settings.connectionTimeout()) + ": check --zk / DROVER_ZK");
  }
}
