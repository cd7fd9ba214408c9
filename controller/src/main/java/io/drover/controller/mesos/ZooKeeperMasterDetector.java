package io.drover.controller.mesos;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the masters' registrations under a ZooKeeper path. Every change of the children (and
 * every reconnection) re-reads the {@code json.info_} nodes on one private thread; the lowest
 * sequence is the leader. A failed read is retried after a short pause so the view never stays
 * stale while ZooKeeper is reachable.
 */
final class ZooKeeperMasterDetector implements MasterDetector {

  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMasterDetector.class);
  private static final long RETRY_MILLIS = 2_000;

  private final CuratorFramework zk;
  private final String path;
  private final String description;
  private final ScheduledExecutorService refresher;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CuratorWatcher watcher = event -> refreshSoon(0);
  private volatile List<URI> masters = List.of();

  private ZooKeeperMasterDetector(CuratorFramework zk, String path, String description) {
    this.zk = zk;
    this.path = path;
    this.description = description;
    this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "mesos-master-detector");
      thread.setDaemon(true);
      return thread;
    });
  }

  static ZooKeeperMasterDetector forUrl(String url) {
    String rest = url.substring("zk://".length());
    int slash = rest.indexOf('/');
    String path = slash < 0 ? "" : rest.substring(slash).replaceAll("/+$", "");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("Mesos master URL '" + url
          + "' has no ZooKeeper path; use zk://host:port[,host:port...]/path, e.g. zk://zk1:2181/mesos");
    }
    String authority = rest.substring(0, slash);
    String credentials = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      credentials = authority.substring(0, at);
      authority = authority.substring(at + 1);
    }
    if (authority.isEmpty()) {
      throw new IllegalArgumentException("Mesos master URL '" + url + "' names no ZooKeeper servers");
    }
    CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
        .connectString(authority)
        .retryPolicy(new ExponentialBackoffRetry(200, 5, 5_000));
    if (credentials != null) {
      builder.authorization("digest", credentials.getBytes(StandardCharsets.UTF_8));
    }
    return new ZooKeeperMasterDetector(builder.build(), path, "zk://" + authority + path);
  }

  @Override
  public void start() {
    zk.getConnectionStateListenable().addListener((client, state) -> {
      if (state == ConnectionState.RECONNECTED) {
        refreshSoon(0);
      }
    });
    zk.start();
    refreshSoon(0);
  }

  @Override
  public List<URI> candidates() {
    return masters;
  }

  @Override
  public void onLeaderChange(Runnable onLeaderChange) {
    listeners.add(onLeaderChange);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      refresher.shutdownNow();
      zk.close();
    }
  }

  @Override
  public String toString() {
    return "masters registered at " + description;
  }

  private void refreshSoon(long delayMillis) {
    if (closed.get()) {
      return;
    }
    try {
      refresher.schedule(this::refresh, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed concurrently: nothing left to watch.
    }
  }

  private void refresh() {
    List<URI> found;
    try {
      found = readRegistrations();
    } catch (Exception e) {
      if (!closed.get()) {
        LOG.warn("Could not read Mesos master registrations at {}; retrying in {} ms: {}",
            description, RETRY_MILLIS, e.toString());
        refreshSoon(RETRY_MILLIS);
      }
      return;
    }
    URI before = masters.isEmpty() ? null : masters.get(0);
    masters = found;
    URI after = found.isEmpty() ? null : found.get(0);
    if (!Objects.equals(before, after)) {
      LOG.info("Leading Mesos master at {} is now {}", description, after == null ? "unknown" : after);
      listeners.forEach(ZooKeeperMasterDetector::runQuietly);
    }
  }

  private List<URI> readRegistrations() throws Exception {
    List<String> children;
    try {
      children = zk.getChildren().usingWatcher(watcher).forPath(path);
    } catch (KeeperException.NoNodeException e) {
      // Watch for the path to appear; its children watch is set on the next refresh.
      if (zk.checkExists().usingWatcher(watcher).forPath(path) != null) {
        refreshSoon(0);
      }
      return List.of();
    }
    List<MasterRegistration> registrations = new ArrayList<>();
    for (String child : children) {
      Optional<Long> sequence = MasterRegistration.sequenceOf(child);
      if (sequence.isPresent()) {
        readRegistration(child, sequence.get()).ifPresent(registrations::add);
      }
    }
    registrations.sort(Comparator.comparingLong(MasterRegistration::sequence));
    return registrations.stream().map(MasterRegistration::uri).distinct().toList();
  }

  private Optional<MasterRegistration> readRegistration(String child, long sequence)
      throws Exception {
    try {
      byte[] data = zk.getData().forPath(path + "/" + child);
      return Optional.of(MasterRegistration.parse(sequence, data));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty(); // that master went away between the listing and the read
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring Mesos master registration {}/{}: {}", description, child, e.getMessage());
      return Optional.empty();
    }
  }

  private static void runQuietly(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      LOG.error("Leader-change listener failed", e);
    }
  }
}
