package io.drover.local;

import io.drover.controller.app.Controller;
import io.drover.controller.app.ControllerConfig;
import io.drover.controller.app.SchedulerRuntime;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StatusStore;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import io.drover.mesoslocal.MesosLocal;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;

/**
 * A whole Drover installation on this machine, on 127.0.0.1: ZooKeeper (embedded in this JVM, or
 * one given by its address), mesos-local (or a Mesos master given by its URL), and controller replicas wired as {@code drover controller}
 * wires them, in this JVM or as processes of their own. The one assembly behind {@code drover
 * local}, {@code drover bench} and the end-to-end tests, which differ only in what they ask the
 * {@link Builder} for.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().workDir(dir).agents(2).replicas(2).start()) {
 *   Controller leader = cluster.awaitLeader(Duration.ofSeconds(60));
 *   cluster.desired().create("hello", Files.readAllBytes(Path.of("samples/hello-world.yaml")));
 * }
 * }</pre>
 *
 * <p>Replicas are started and stopped from one thread at a time; the other methods may be called
 * from any thread. {@link #close} stops what it started in reverse order: replicas (in-process ones
 * hand leadership over), mesos-local (with every task process), then ZooKeeper unless it was given.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(20);

  private final Settings settings;
  private final List<Controller> controllers = new CopyOnWriteArrayList<>();
  private final List<ReplicaProcess> processes = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private EmbeddedZooKeeper embedded;
  private String zkConnectString;
  private MesosLocal mesos;
  private CuratorFramework user;
  private DesiredStore desired;
  private StatusStore statuses;

  private LocalCluster(Settings settings) {
    this.settings = settings;
  }

  /** What the builder said, fixed at start. */
  private record Settings(int agents, int replicas, String zooKeeper, int zooKeeperPort, int mesosPort,
      int httpPort, boolean noProcess, Path workDir, Profile profile, Duration sessionTimeout, String replicaIds,
      String master) {}

  /** A builder: one agent, one replica, embedded ZooKeeper, production settings. */
  public static Builder builder() {
    return new Builder();
  }

  private void startParts() throws Exception {
    if (settings.zooKeeper == null) {
      embedded = EmbeddedZooKeeper.start(settings.workDir.resolve("zookeeper"), settings.zooKeeperPort);
      zkConnectString = embedded.connectString();
    } else {
      zkConnectString = settings.zooKeeper;
    }
    mesos = settings.master == null ? startMesos() : null;
    user = ZkClients.connect(ZkSettings.of(zkConnectString));
    desired = DesiredStore.create(user, paths());
    statuses = StatusStore.create(user, paths());
    for (int i = 0; i < settings.replicas; i++) {
      startReplica();
    }
  }

  private MesosLocal startMesos() throws IOException {
    try {
      return settings.profile.tune(MesosLocal.builder())
          .agents(settings.agents)
          .noProcess(settings.noProcess)
          .port(settings.mesosPort)
          .workDir(settings.workDir.resolve("mesos"))
          .start();
    } catch (RuntimeException e) {
      throw new IOException("cannot start mesos-local on 127.0.0.1:" + settings.mesosPort + " (" + e.getMessage()
          + ")" + (settings.mesosPort == 0 ? "" : "; pick another port with --mesos-port"), e);
    }
  }

  /** ZooKeeper's address, {@code host:port}. */
  public String zkConnectString() {
    return zkConnectString;
  }

  /** mesos-local: its URL, its state, its faults; null when the cluster uses a Mesos master of its own. */
  public MesosLocal mesos() {
    return mesos;
  }

  /** The Mesos master the replicas use: mesos-local's, or the one given to the builder. */
  public String masterUrl() {
    return mesos == null ? settings.master : mesos.url();
  }

  /** The work directory: ZooKeeper's data, mesos-local's sandboxes, the replica processes' logs. */
  public Path workDir() {
    return settings.workDir;
  }

  /** Drover's nodes in ZooKeeper, under the default root. */
  public StorePaths paths() {
    return new StorePaths(ZkSettings.DEFAULT_ROOT);
  }

  /** A client of the user's own, connected as the CLI connects. */
  public CuratorFramework user() {
    return user;
  }

  /** The desired documents, written through {@link #user()} as {@code drover apply} writes them. */
  public DesiredStore desired() {
    return desired;
  }

  /** The services' statuses, read through {@link #user()}. */
  public StatusStore statuses() {
    return statuses;
  }

  /** The configuration of a replica {@code id} with an ephemeral HTTP port, tuned by the profile. */
  public ControllerConfig config(String id) {
    return config(id, 0);
  }

  private ControllerConfig config(String id, int port) {
    ZkSettings zk = settings.profile.zk(zkConnectString, settings.sessionTimeout);
    return settings.profile.tune(ControllerConfig.of(zk, id, port, "127.0.0.1").withHttpHost("127.0.0.1"));
  }

  /** The production scheduler runtime on mesos-local, tuned by the profile; teardowns force-complete after {@code uninstallTimeout}. */
  public SchedulerRuntimeFactory runtimes(Duration uninstallTimeout) {
    return settings.profile.runtimes(masterUrl(), ZkSettings.DEFAULT_ROOT, uninstallTimeout);
  }

  /** Starts a replica in this JVM; it joins the election at once. Replicas are named in start order. */
  public Controller startReplica() throws Exception {
    return startReplica(UnaryOperator.identity());
  }

  /** Starts a replica whose scheduler runtimes come through {@code wrap}, e.g. to observe them. */
  public Controller startReplica(UnaryOperator<SchedulerRuntimeFactory> wrap) throws Exception {
    int n = started.getAndIncrement();
    int port = settings.httpPort == 0 ? 0 : settings.httpPort + n;
    Duration uninstall = ServiceSchedulerSettings.defaults("").uninstallTimeout();
    Controller c;
    try {
      c = Controller.start(config(settings.replicaIds + n, port), wrap.apply(runtimes(uninstall)));
    } catch (BindException e) {
      throw new IOException("cannot start the HTTP API of controller replica " + n + " on 127.0.0.1:" + port
          + " (" + e.getMessage() + "): the port is taken; pick another with --http-port (replica N uses that "
          + "port plus N)", e);
    }
    controllers.add(c);
    return c;
  }

  /** Starts {@code drover controller} in a JVM of its own (production settings, this cluster's session timeout). */
  public ReplicaProcess startReplicaProcess() throws IOException {
    ReplicaProcess p = ReplicaProcess.start(settings.replicaIds + started.getAndIncrement(), zkConnectString,
        masterUrl(), settings.sessionTimeout, settings.workDir.resolve("logs"));
    processes.add(p);
    return p;
  }

  /** The in-process replicas running, in start order. */
  public List<Controller> replicas() {
    return List.copyOf(controllers);
  }

  /** Shuts an in-process replica down gracefully: it hands leadership over. */
  public void stop(Controller c) {
    controllers.remove(c);
    c.close();
  }

  /** Stops a replica process (SIGTERM, SIGKILL after 30 s) and waits for its end. */
  public void stop(ReplicaProcess p) throws InterruptedException {
    processes.remove(p);
    p.close();
  }

  /** The in-process replica that leads now, if one does. */
  public Optional<Controller> leader() {
    return controllers.stream().filter(Controller::leading).findFirst();
  }

  /** Waits until an in-process replica leads with its scheduler subscribed to Mesos; returns it. */
  public Controller awaitLeader(Duration timeout) throws TimeoutException, InterruptedException {
    return Poll.untilPresent(
        () -> leader().filter(c -> c.runtime().map(SchedulerRuntime::subscribed).orElse(false)),
        POLL, Deadline.in(timeout), "a controller replica to lead and subscribe to mesos-local");
  }

  /** Stops everything it started, in reverse order; the first failure is thrown once all were tried. */
  @Override
  public void close() {
    List<AutoCloseable> parts = new ArrayList<>();
    for (int i = controllers.size() - 1; i >= 0; i--) {
      parts.add(controllers.get(i));
    }
    parts.addAll(processes);
    parts.add(user);
    parts.add(mesos);
    parts.add(embedded);
    controllers.clear();
    processes.clear();
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (failure == null) {
          failure = new IllegalStateException("stopping the local cluster failed: " + e, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Configures and starts a {@link LocalCluster}. */
  public static final class Builder {
    private int agents = 1;
    private int replicas = 1;
    private String zooKeeper;
    private int zooKeeperPort;
    private int mesosPort;
    private int httpPort;
    private boolean noProcess;
    private Path workDir;
    private Profile profile = Profile.PRODUCTION;
    private Duration sessionTimeout;
    private String replicaIds = "replica-";
    private String master;

    private Builder() {}

    /** mesos-local agents, at least 1. */
    public Builder agents(int n) {
      agents = atLeast(1, n, "agents");
      return this;
    }

    /** Replicas started in this JVM by {@link #start}; more may be started later. */
    public Builder replicas(int n) {
      replicas = atLeast(0, n, "replicas");
      return this;
    }

    /** Uses the ZooKeeper at {@code connectString} ({@code host:port}) instead of embedding one; it is not stopped on close. */
    public Builder zooKeeper(String connectString) {
      zooKeeper = connectString;
      return this;
    }

    /** The embedded ZooKeeper's port; 0 (the default) picks a free one. */
    public Builder zooKeeperPort(int port) {
      zooKeeperPort = port;
      return this;
    }

    /** mesos-local's port; 0 (the default) picks a free one. */
    public Builder mesosPort(int port) {
      mesosPort = port;
      return this;
    }

    /** The HTTP port of the first replica, the next ones use the following ports; 0 (the default) picks free ones. */
    public Builder httpPort(int port) {
      httpPort = port;
      return this;
    }

    /** Tasks only pretend to run (mesos-local's no-process agents), so that thousands fit on one machine. */
    public Builder noProcess(boolean value) {
      noProcess = value;
      return this;
    }

    /** Where ZooKeeper's data ({@code zookeeper/}), the sandboxes ({@code mesos/}) and replica logs ({@code logs/}) go. Required. */
    public Builder workDir(Path dir) {
      workDir = dir;
      return this;
    }

    /** Production settings (the default) or test-sized ones. */
    public Builder profile(Profile p) {
      profile = p;
      return this;
    }

    /** The replicas' ZooKeeper session timeout (default: the profile's, 10 s in production). */
    public Builder sessionTimeout(Duration d) {
      sessionTimeout = d;
      return this;
    }

    /** Replica ids are this prefix and the start order: {@code replica-0}, {@code replica-1}, ... by default. */
    public Builder replicaIds(String prefix) {
      replicaIds = prefix;
      return this;
    }

    /**
     * Uses the Mesos master at {@code url} (e.g. {@code http://127.0.0.1:5050}, a real Mesos)
     * instead of starting mesos-local; agents and noProcess then do not apply.
     */
    public Builder mesosMaster(String url) {
      master = url;
      return this;
    }

    /** Starts ZooKeeper (unless given), mesos-local (unless a master is given) and the replicas; on failure stops what it started. */
    public LocalCluster start() throws Exception {
      if (workDir == null) {
        throw new IllegalStateException("workDir is required");
      }
      LocalCluster cluster = new LocalCluster(new Settings(agents, replicas, zooKeeper, zooKeeperPort, mesosPort,
          httpPort, noProcess, workDir, profile, sessionTimeout != null ? sessionTimeout : profile.sessionTimeout(),
          replicaIds, master));
      try {
        cluster.startParts();
        return cluster;
      } catch (Exception | Error e) {
        cluster.close();
        throw e;
      }
    }

    private static int atLeast(int min, int n, String what) {
      if (n < min) {
        throw new IllegalArgumentException(what + " must be at least " + min + ", got " + n);
      }
      return n;
    }
  }
}
