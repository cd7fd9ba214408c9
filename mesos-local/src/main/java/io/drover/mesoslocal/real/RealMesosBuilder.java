package io.drover.mesoslocal.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Configures and starts a {@link RealMesos}. The defaults keep tests fast: small agents with their
 * own port ranges, a 100 ms allocation interval, agents marked unreachable about 4 s after they go
 * away, and agents that reregister within 100 ms of a new master. The registry is in memory unless
 * {@link #replicatedLog()} asks for the production one.
 */
public final class RealMesosBuilder {

  private int agents = 1;
  private IntFunction<String> agentResources =
      i -> "cpus:2;mem:1024;disk:1024;ports:[" + (31000 + 100 * i) + "-" + (31099 + 100 * i) + "]";
  private IntFunction<String> agentHostnames = i -> "127.0.0.1";
  private Duration allocationInterval = Duration.ofMillis(100);
  private Duration agentPingTimeout = Duration.ofSeconds(2);
  private int maxAgentPingTimeouts = 2;
  private boolean replicatedLog;
  private Path workDir;
  private final List<String> masterFlags = new ArrayList<>();
  private final List<String> agentFlags = new ArrayList<>();

  RealMesosBuilder() {}

  /** Number of agents, at least 1. */
  public RealMesosBuilder agents(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("agents must be at least 1, got " + count);
    }
    this.agents = count;
    return this;
  }

  /**
   * The {@code --resources} of agent {@code i}; by default 2 cpus, 1 GB of memory and disk and 100
   * ports of their own ({@code 31000+100i} onwards), since all agents share this host's ports.
   */
  public RealMesosBuilder agentResources(IntFunction<String> resources) {
    this.agentResources = Objects.requireNonNull(resources);
    return this;
  }

  /**
   * The {@code --hostname} of agent {@code i}, by default {@code 127.0.0.1} for all; other loopback
   * addresses ({@code 127.0.0.2}, ...) make agents different hosts for placement rules such as
   * {@code maxPerHost}.
   */
  public RealMesosBuilder agentHostnames(IntFunction<String> hostnames) {
    this.agentHostnames = Objects.requireNonNull(hostnames);
    return this;
  }

  /** The master's {@code --allocation_interval}. */
  public RealMesosBuilder allocationInterval(Duration interval) {
    this.allocationInterval = Objects.requireNonNull(interval);
    return this;
  }

  /** The master's {@code --agent_ping_timeout} and {@code --max_agent_ping_timeouts}: how soon a gone agent is unreachable. */
  public RealMesosBuilder agentPingTimeout(Duration timeout, int maxTimeouts) {
    this.agentPingTimeout = Objects.requireNonNull(timeout);
    this.maxAgentPingTimeouts = maxTimeouts;
    return this;
  }

  /**
   * The master keeps its registry in a replicated log under its work dir ({@code
   * --registry=replicated_log}, as in production) instead of in memory: the agents it admitted, and
   * those it marked unreachable or removed, survive a master restart.
   */
  public RealMesosBuilder replicatedLog() {
    this.replicatedLog = true;
    return this;
  }

  /**
   * Keeps the work dirs and logs in {@code dir} (created if needed), which {@link RealMesos#close()}
   * then leaves in place, instead of a temporary directory that it deletes.
   */
  public RealMesosBuilder workDir(Path dir) {
    this.workDir = Objects.requireNonNull(dir).toAbsolutePath();
    return this;
  }

  /** More master flags, e.g. {@code --roles=web}. */
  public RealMesosBuilder masterFlag(String flag) {
    masterFlags.add(flag);
    return this;
  }

  /** More flags for every agent, e.g. {@code --attributes=rack:r1}. */
  public RealMesosBuilder agentFlag(String flag) {
    agentFlags.add(flag);
    return this;
  }

  /**
   * Starts the master and the agents from {@link MesosHome} and returns once every agent is
   * registered. Needs root (the agent does).
   */
  public RealMesos start() {
    List<String> master = new ArrayList<>(List.of(
        "--registry=" + (replicatedLog ? "replicated_log" : "in_memory"),
        "--allocation_interval=" + allocationInterval.toMillis() + "ms",
        "--agent_ping_timeout=" + agentPingTimeout.toMillis() + "ms",
        "--max_agent_ping_timeouts=" + maxAgentPingTimeouts));
    master.addAll(masterFlags);
    List<String> agent = new ArrayList<>(List.of("--registration_backoff_factor=100ms"));
    agent.addAll(agentFlags);
    try {
      return RealMesos.start(MesosHome.require(), workDir, agents, agentResources, agentHostnames, master, agent);
    } catch (IOException e) {
      throw new UncheckedIOException("real Mesos failed to start: " + e.getMessage(), e);
    }
  }
}
