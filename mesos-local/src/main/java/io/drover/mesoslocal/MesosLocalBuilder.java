package io.drover.mesoslocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Configures and starts a {@link MesosLocal}. Defaults follow Mesos: one agent with
 * {@value #DEFAULT_RESOURCES}, 15 s heartbeats, a 1 s allocation interval, status update retries from
 * 10 s doubling up to 10 min. Tests usually shorten the intervals.
 */
public final class MesosLocalBuilder {

  /** The resources of each agent unless {@link #agentResources} says otherwise. */
  public static final String DEFAULT_RESOURCES = "cpus:4;mem:4096;disk:10240;ports:[31000-32000]";

  private int agents = 1;
  private String agentResources = DEFAULT_RESOURCES;
  private IntFunction<Map<String, String>> agentAttributes = i -> Map.of();
  private boolean noProcess;
  private Duration heartbeatInterval = Duration.ofSeconds(15);
  private Duration allocationInterval = Duration.ofSeconds(1);
  private Duration statusUpdateRetryMin = Duration.ofSeconds(10);
  private Duration statusUpdateRetryMax = Duration.ofMinutes(10);
  private Path workDir;
  private String zk;
  private int port;
  private Clock clock = Clock.systemUTC();

  MesosLocalBuilder() {}

  /** Number of agents, at least 1. */
  public MesosLocalBuilder agents(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("agents must be at least 1, got " + count);
    }
    this.agents = count;
    return this;
  }

  /**
   * Resources of every agent, e.g. {@code cpus:4;mem:4096;disk:10240;ports:[31000-32000]}. When tasks
   * run as processes, the agents share this machine's ports, so each agent offers its own slice of
   * the port ranges (agent {@code i} of {@code n} the {@code i}-th of {@code n} equal slices).
   */
  public MesosLocalBuilder agentResources(String resources) {
    ResourceFormat.parse(resources);
    this.agentResources = resources;
    return this;
  }

  /** Text attributes of agent {@code i} (0-based), e.g. {@code i -> Map.of("rack", "r" + i % 2)}. */
  public MesosLocalBuilder agentAttributes(IntFunction<Map<String, String>> attributes) {
    this.agentAttributes = Objects.requireNonNull(attributes);
    return this;
  }

  /** When true, tasks only pretend to run: they reach TASK_RUNNING at once and stay there until killed. */
  public MesosLocalBuilder noProcess(boolean noProcess) {
    this.noProcess = noProcess;
    return this;
  }

  public MesosLocalBuilder heartbeatInterval(Duration interval) {
    this.heartbeatInterval = positive("heartbeatInterval", interval);
    return this;
  }

  /** How often the allocator offers resources freed by declines and finished tasks (Mesos: 1 s). */
  public MesosLocalBuilder allocationInterval(Duration interval) {
    this.allocationInterval = positive("allocationInterval", interval);
    return this;
  }

  /** First retry delay of an unacknowledged status update (doubles each time, Mesos: 10 s) and the cap (10 min). */
  public MesosLocalBuilder statusUpdateRetry(Duration min, Duration max) {
    this.statusUpdateRetryMin = positive("statusUpdateRetry min", min);
    this.statusUpdateRetryMax = positive("statusUpdateRetry max", max);
    return this;
  }

  /** Where agents keep sandboxes and volumes; by default a temp dir deleted on close. */
  public MesosLocalBuilder workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** Registers the master in ZooKeeper, e.g. {@code zk://127.0.0.1:2181/mesos}. */
  public MesosLocalBuilder zk(String url) {
    this.zk = url == null ? null : ZkUrl.parse(url).toString();
    return this;
  }

  /** The HTTP port on 127.0.0.1; 0 picks a free one. */
  public MesosLocalBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** The clock for timestamps in status updates and {@code /state}. */
  public MesosLocalBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return this;
  }

  /** Starts the master, the agents and the HTTP server; returns once it accepts requests. */
  public MesosLocal start() {
    if (!noProcess) {
      AgentPorts.checkShareable(ResourceFormat.parse(agentResources), agents);
    }
    Config config = new Config(agents, agentResources, agentAttributes, noProcess, heartbeatInterval,
        allocationInterval, statusUpdateRetryMin, statusUpdateRetryMax, workDir, zk, port, clock);
    try {
      return MesosLocalCluster.start(config);
    } catch (IOException e) {
      throw new UncheckedIOException("mesos-local failed to start: " + e.getMessage(), e);
    }
  }

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }
}
