package io.drover.mesoslocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Value;

/**
 * Makes the agent of each slot from its work dir {@code <work dir>/agents/<slot>}, as a real agent
 * starts from its {@code --work_dir}: one that holds a checkpoint recovers that agent (same id,
 * reservations and volumes), an empty one registers a new agent with a new id. As with a real
 * agent's default {@code --reconfiguration_policy=equal}, a work dir whose agent had other resources,
 * attributes or hostname is refused. Each agent listens on its own HTTP port (its {@code /state} and
 * files API), which a recovered agent keeps when it is free.
 */
final class AgentWorkDirs {

  /** Binds an agent's HTTP port. */
  @FunctionalInterface
  interface Listener {
    /** Binds {@code preferred} if it is free (0: any port) and returns the port bound. */
    int listen(int preferred) throws IOException;
  }

  private final Config config;
  private final Path agentsDir;
  private final String masterId;
  /** New agents are numbered as a master numbers the agents it admits: S0, S1, ... */
  private int nextAgent;

  AgentWorkDirs(Config config, Path workDir, String masterId) {
    this.config = config;
    this.agentsDir = workDir.resolve("agents");
    this.masterId = masterId;
  }

  /**
   * The agent of {@code slot}: recovered from its work dir, or a new one, listening through {@code
   * listener}. Not thread-safe.
   */
  AgentRecord start(int slot, Listener listener) throws IOException {
    AgentInfo configured = configured(slot);
    AgentCheckpoint checkpoint = new AgentCheckpoint(Files.createDirectories(dir(slot)));
    Optional<AgentCheckpoint.Recovered> recovered = checkpoint.recover();
    if (recovered.isPresent()) {
      AgentInfo was = recovered.get().info();
      if (!was.toBuilder().clearId().clearPort().build().equals(configured)) {
        throw new IOException("Agent " + slot + " in " + checkpoint.workDir() + " was started with "
            + describe(was) + " but is now configured with " + describe(configured) + "; start it as before,"
            + " use another work dir, or remove " + checkpoint.workDir().resolve("meta/slaves/latest")
            + " to start it as a new agent");
      }
      AgentInfo info = was.toBuilder().setPort(listener.listen(was.getPort())).build();
      if (info.getPort() != was.getPort()) {
        checkpoint.create(info);
      }
      return new AgentRecord(info, Resources.of(recovered.get().total()), checkpoint);
    }
    AgentInfo info = configured.toBuilder()
        .setId(AgentID.newBuilder().setValue(masterId + "-S" + nextAgent++))
        .setPort(listener.listen(0))
        .build();
    checkpoint.create(info);
    return new AgentRecord(info, Resources.of(info.getResourcesList()), checkpoint);
  }

  /**
   * Moves the slot's work dir aside (kept as {@code <slot>.replaced-<id>}) and starts a new agent there,
   * at the old one's address.
   */
  AgentRecord replace(int slot, AgentRecord old, Listener listener) throws IOException {
    Files.move(dir(slot), agentsDir.resolve(slot + ".replaced-" + old.idValue()));
    return start(slot, preferred -> listener.listen(old.info.getPort()));
  }

  private Path dir(int slot) {
    return agentsDir.resolve(Integer.toString(slot));
  }

  private AgentInfo configured(int slot) {
    AgentInfo.Builder info = AgentInfo.newBuilder()
        .setHostname("agent-" + slot + ".local")
        .addAllResources(config.noProcess() ? ResourceFormat.parse(config.agentResources())
            : AgentPorts.share(ResourceFormat.parse(config.agentResources()), slot, config.agents()));
    Map<String, String> attributes = config.agentAttributes().apply(slot);
    attributes.forEach((k, v) -> info.addAttributes(Attribute.newBuilder()
        .setName(k).setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(v))));
    return info.build();
  }

  private static String describe(AgentInfo info) {
    StringBuilder out = new StringBuilder("hostname ").append(info.getHostname())
        .append(", resources ").append(ResourceFormat.describe(info.getResourcesList()));
    for (Attribute a : info.getAttributesList()) {
      out.append(", ").append(a.getName()).append('=').append(a.getText().getValue());
    }
    return out.toString();
  }
}
