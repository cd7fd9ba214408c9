package io.drover.controller.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller process's connection to ZooKeeper, and the only way the rest of the controller
 * reaches it: the watched caches of desired documents and statuses, the scheduler's {@link
 * ServiceStore}, and the client that leader election and its fenced writes run on. The clients are
 * built by {@link ZkClients#controllerClient}, so they keep retrying while ZooKeeper is away.
 *
 * <p>The caches have a session of their own, opened with the first cache: their initial load sends a
 * request per child (some 20,000 for 10,000 services), and on one shared connection the election
 * and the fenced writes waited behind all of it in the client (docs/performance.md, recovery-scale). Everything whose order matters to fencing (the election, every write, the reads
 * that confirm a decision) stays on the main session. Thread-safe.
 */
public final class StoreConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

  private final ZkSettings settings;
  private final CuratorFramework client;
  /** The caches' client, started with the first cache; null until then. */
  private CuratorFramework caches;
  private boolean closed;

  private StoreConnection(ZkSettings settings, CuratorFramework client) {
    this.settings = settings;
    this.client = client;
  }

  /**
   * Starts the client and waits up to the connection timeout for a first connection; when none
   * comes, it logs and goes on (the caches and the election catch up once ZooKeeper is back).
   */
  public static StoreConnection open(ZkSettings settings) throws InterruptedException {
    CuratorFramework client = ZkClients.controllerClient(settings);
    client.start();
    if (!client.blockUntilConnected((int) settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("cannot reach ZooKeeper at {} yet; still trying (check --zk)", settings.connectString());
    }
    return new StoreConnection(settings, client);
  }

  public StorePaths paths() {
    return settings.paths();
  }

  /** The client, for leader election (package {@code ha}) only: everything else goes through this class. */
  public CuratorFramework client() {
    return client;
  }

  /** Whether the client is connected now. */
  public boolean connected() {
    return client.getZookeeperClient().isConnected();
  }

  /**
   * An unstarted cache of every desired document, decoded on {@code decoding} and applied on
   * {@code events} (see {@link ChildrenCache}: not the same executor); a document whose status in
   * {@code statuses} vouches for its version is decoded without repeating the checks ({@link
   * DesiredEntry#decode(String, ChildData, StatusDocument)}).
   */
  public ChildrenCache<DesiredEntry> desiredCache(Executor events, Executor decoding,
      Function<String, Optional<StatusDocument>> statuses) {
    return new ChildrenCache<>(cacheClient(), paths().services(),
        (name, node) -> DesiredEntry.decode(name, node, statuses.apply(name).orElse(null)), events, decoding);
  }

  /** The leader's view of the desired documents: {@code cache}, with absences confirmed by a read. */
  public DesiredView desiredView(ChildrenCache<DesiredEntry> cache) {
    return DesiredView.of(cache, DesiredStore.create(client, paths()));
  }

  /** An unstarted cache of every secret, values included; events are applied on {@code events}. */
  public ChildrenCache<SecretEntry> secretCache(Executor events) {
    return SecretEntry.cache(cacheClient(), paths(), events);
  }

  /** The secrets, for the CLI: their values go in, never out. */
  public SecretStore secretStore() {
    return SecretStore.create(client, paths());
  }

  /** An unstarted cache of every status node; events are applied on {@code events}. */
  public ChildrenCache<StatusDocument> statusCache(Executor events) {
    return new ChildrenCache<>(cacheClient(), paths().statuses(),
        (name, node) -> StatusDocument.decode(node.getPath(), name, node.getData(), node.getStat()), events);
  }

  /** The scheduler's record of each service, written through {@code writes}. */
  public ServiceStore serviceStore(ControllerWrites writes) {
    return ServiceStore.create(writes, paths().root());
  }

  /** {@code drover.zookeeper.connection{state=...}}: 1 for the connection's current state. */
  public void bindMetrics(MeterRegistry registry) {
    AtomicReference<ConnectionState> current = new AtomicReference<>();
    client.getConnectionStateListenable().addListener((c, state) -> current.set(state));
    for (ConnectionState state : ConnectionState.values()) {
      Gauge.builder("drover.zookeeper.connection", () -> state == now(current) ? 1 : 0)
          .description("1 for the current state of the ZooKeeper connection")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  private ConnectionState now(AtomicReference<ConnectionState> current) {
    ConnectionState s = current.get();
    return s != null ? s : connected() ? ConnectionState.CONNECTED : ConnectionState.LOST;
  }

  /** The caches' own client; not waited for: a cache's requests wait for its connection. */
  private synchronized CuratorFramework cacheClient() {
    if (closed) {
      throw new IllegalStateException("the ZooKeeper connection is closed");
    }
    if (caches == null) {
      caches = ZkClients.controllerClient(settings);
      caches.start();
    }
    return caches;
  }

  /** Closes the caches' client, then the main one; close the caches first. */
  @Override
  public void close() {
    CuratorFramework c;
    synchronized (this) {
      closed = true;
      c = caches;
    }
    if (c != null) {
      c.close();
    }
    client.close();
  }
}
