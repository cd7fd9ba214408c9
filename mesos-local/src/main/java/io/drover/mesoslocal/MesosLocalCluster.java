package io.drover.mesoslocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running cluster: the HTTP server, the master loop, the task runner and the optional ZooKeeper
 * registration, started in that order and stopped in reverse. Implements the public API by
 * enqueuing on the master loop.
 */
final class MesosLocalCluster implements MesosLocal, Faults {

  private static final Logger log = LoggerFactory.getLogger(MesosLocalCluster.class);
  private static final Duration API_TIMEOUT = Duration.ofSeconds(30);
  private static final String VERSION = "1.11.0";

  private final MasterLoop loop;
  private final TaskRunner runner;
  private final Master master;
  private final HttpServer server;
  private final AgentEndpoints agentEndpoints;
  private final ExecutorService httpThreads;
  private final ZkRegistration zk;
  private final Path workDir;
  private final boolean deleteWorkDir;
  private final AgentWorkDirs workDirs;
  /** The agent id of each slot; guarded by this. */
  private final List<String> slots;
  private final String url;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MesosLocalCluster(MasterLoop loop, TaskRunner runner, Master master, HttpServer server,
      AgentEndpoints agentEndpoints, ExecutorService httpThreads, ZkRegistration zk, Path workDir,
      boolean deleteWorkDir, AgentWorkDirs workDirs, List<AgentRecord> agents) {
    this.loop = loop;
    this.runner = runner;
    this.master = master;
    this.server = server;
    this.agentEndpoints = agentEndpoints;
    this.httpThreads = httpThreads;
    this.zk = zk;
    this.workDir = workDir;
    this.deleteWorkDir = deleteWorkDir;
    this.workDirs = workDirs;
    this.slots = new ArrayList<>(agents.stream().map(AgentRecord::idValue).toList());
    this.url = "http://127.0.0.1:" + server.port();
  }

  static MesosLocalCluster start(Config config) throws IOException {
    boolean tempDir = config.workDir() == null;
    Path workDir = tempDir ? Files.createTempDirectory("mesos-local-") : Files.createDirectories(config.workDir());
    String masterId = UUID.randomUUID().toString();
    AgentWorkDirs workDirs = new AgentWorkDirs(config, workDir, masterId);
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      ExecutorService httpThreads = Executors.newFixedThreadPool(16, ProcessTaskRunner.daemon("mesos-local-http"));
      started.push(httpThreads::shutdownNow);
      HttpServer server = new HttpServer(httpThreads).start(config.port());
      started.push(server);
      int port = server.port();
      AgentEndpoints agentEndpoints = new AgentEndpoints(server);
      started.push(agentEndpoints);
      // Agents before the master runs: a work dir whose agent was configured differently is refused first.
      List<AgentRecord> agents = new ArrayList<>();
      for (int i = 0; i < config.agents(); i++) {
        int slot = i;
        agents.add(workDirs.start(i, preferred -> agentEndpoints.listen(slot, preferred, false)));
      }
      MasterLoop loop = new MasterLoop();
      started.push(loop);
      AtomicReference<Master> masterRef = new AtomicReference<>();
      Consumer<ExecutorUpdate> updates = u -> loop.execute(() -> masterRef.get().executorUpdate(u));
      TaskRunner runner = config.noProcess() ? new SimulatedTaskRunner(updates)
          : new ProcessTaskRunner(updates, System::nanoTime);
      started.push(runner);
      MasterState state = new MasterState(config.clock(), masterInfo(masterId, port));
      Master master = loop.await(() -> new Master(state, loop, config, runner), API_TIMEOUT);
      masterRef.set(master);
      for (AgentRecord agent : agents) {
        loop.await(() -> {
          master.addAgent(agent);
          return null;
        }, API_TIMEOUT);
      }
      ZkRegistration zk = null;
      if (config.zk() != null) {
        try {
          zk = new ZkRegistration(ZkUrl.parse(config.zk()));
          started.push(zk);
          zk.register(state.masterInfo);
        } catch (Exception e) {
          throw new IOException("Cannot register the master in ZooKeeper " + config.zk() + ": " + e.getMessage(), e);
        }
      }
      MesosLocalCluster cluster = new MesosLocalCluster(loop, runner, master, server, agentEndpoints, httpThreads, zk,
          workDir, tempDir, workDirs, agents);
      agentEndpoints.serve(slot -> new AgentHandler(loop, master, () -> cluster.agentIds().get(slot)));
      SchedulerHandler scheduler = new SchedulerHandler(loop, master);
      server.inlineRoute("/api/v1/scheduler", scheduler)
          .inlineRoute("/master/api/v1/scheduler", scheduler)
          .route("/faults/", new FaultsHandler(cluster))
          .route("/", new InfoHandler(loop, master, "127.0.0.1:" + port));
      log.info("mesos-local master {} listening on {} with agent(s) {}, work dir {}", masterId, cluster.url,
          agents.stream().map(AgentRecord::idValue).toList(), workDir);
      return cluster;
    } catch (IOException | RuntimeException e) {
      started.forEach(MesosLocalCluster::closeQuietly);
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("could not close {} after a failed start", c, e);
    }
  }

  private static MasterInfo masterInfo(String id, int port) {
    return MasterInfo.newBuilder()
        .setId(id)
        // Mesos stores the IPv4 address in network byte order read as a little-endian uint32.
        .setIp(0x0100007F)
        .setPort(port)
        .setPid("master@127.0.0.1:" + port)
        .setHostname("127.0.0.1")
        .setVersion(VERSION)
        .setAddress(Address.newBuilder().setHostname("127.0.0.1").setIp("127.0.0.1").setPort(port))
        .addCapabilities(MasterInfo.Capability.newBuilder().setType(MasterInfo.Capability.Type.AGENT_UPDATE))
        .addCapabilities(MasterInfo.Capability.newBuilder().setType(MasterInfo.Capability.Type.AGENT_DRAINING))
        .build();
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public Faults faults() {
    return this;
  }

  @Override
  public ClusterState state() {
    return loop.await(() -> StateView.snapshot(master.state()), API_TIMEOUT);
  }

  @Override
  public void restartMaster() {
    masterRestart();
  }

  @Override
  public synchronized List<String> agentIds() {
    return List.copyOf(slots);
  }

  @Override
  public synchronized String replaceAgent(String agentId) {
    int slot = slots.indexOf(agentId);
    if (slot < 0) {
      requireFound(false, "agent", agentId);
    }
    AgentRecord old = loop.await(() -> master.state().agents.get(agentId), API_TIMEOUT);
    AgentRecord replacement;
    try {
      replacement = workDirs.replace(slot, old, preferred -> agentEndpoints.listen(slot, preferred, true));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a new work dir for agent slot " + slot + ": " + e.getMessage(), e);
    }
    loop.await(() -> {
      master.replaceAgent(old, replacement);
      return null;
    }, API_TIMEOUT);
    slots.set(slot, replacement.idValue());
    return replacement.idValue();
  }

  @Override
  public void masterRestart() {
    MasterInfo next = loop.await(() -> {
      MasterInfo info = master.state().masterInfo.toBuilder().setId(UUID.randomUUID().toString()).build();
      master.failover(info);
      return info;
    }, API_TIMEOUT);
    if (zk != null) {
      try {
        zk.register(next);
      } catch (Exception e) {
        throw new IllegalStateException("Master failed over but could not re-register in ZooKeeper: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized void stopAgent(String agentId) {
    requireFound(loop.await(() -> master.stopAgent(agentId), API_TIMEOUT), "agent", agentId);
    int slot = slots.indexOf(agentId);
    if (slot >= 0) {
      agentEndpoints.stop(slot);
    }
  }

  @Override
  public synchronized void startAgent(String agentId) {
    int slot = slots.indexOf(agentId);
    AgentRecord agent = loop.await(() -> master.state().agents.get(agentId), API_TIMEOUT);
    if (slot >= 0 && agent != null) {
      try {
        agentEndpoints.listen(slot, agent.info.getPort(), true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    requireFound(loop.await(() -> master.startAgent(agentId), API_TIMEOUT), "agent", agentId);
  }

  @Override
  public void pauseHeartbeats(Duration duration) {
    loop.await(() -> {
      master.pauseHeartbeats(duration);
      return null;
    }, API_TIMEOUT);
  }

  @Override
  public void crashTask(String taskId) {
    requireFound(loop.await(() -> master.crashTask(taskId), API_TIMEOUT), "running task", taskId);
  }

  private void requireFound(boolean found, String what, String id) {
    if (!found) {
      throw new IllegalArgumentException("No " + what + " '" + id + "' in this mesos-local cluster;"
          + " see " + url + "/state for the ids");
    }
  }

  /** The ZooKeeper node this master registered, for tests; null without {@code zk}. */
  String zkNode() {
    return zk == null ? null : zk.node();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    runner.close();
    try {
      loop.await(() -> {
        master.state().frameworks.values().forEach(f -> {
          if (f.stream != null) {
            f.stream.close();
          }
        });
        return null;
      }, Duration.ofSeconds(5));
    } catch (IllegalStateException e) {
      log.debug("master loop did not close streams", e);
    }
    agentEndpoints.close();
    server.close();
    httpThreads.shutdownNow();
    if (zk != null) {
      zk.close();
    }
    loop.close();
    if (deleteWorkDir) {
      deleteRecursively(workDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("Could not delete work dir {}: {}", dir, e.toString());
    }
  }
}
