package io.drover.mesoslocal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Resource;

/**
 * What an agent keeps in its work dir to come back as itself, laid out as a real agent lays it out:
 * {@code meta/slaves/<id>/slave.info} (its AgentInfo), {@code meta/slaves/latest} (a link to the
 * current id's directory) and {@code meta/slaves/<id>/resources.info} (its total resources with the
 * reservations and volumes made on it, rewritten after every RESERVE, UNRESERVE, CREATE and
 * DESTROY). A work dir without {@code meta/slaves/latest} is a new agent. Files are replaced
 * atomically, so a crash leaves the previous or the next version.
 */
final class AgentCheckpoint {

  /** A checkpointed agent: who it was and the resources it had. */
  record Recovered(AgentInfo info, List<Resource> total) {}

  private final Path workDir;

  AgentCheckpoint(Path workDir) {
    this.workDir = workDir;
  }

  Path workDir() {
    return workDir;
  }

  /** The agent this work dir holds, if any. */
  Optional<Recovered> recover() throws IOException {
    Path latest = slaves().resolve("latest");
    if (!Files.exists(latest)) {
      return Optional.empty();
    }
    AgentInfo info;
    try (InputStream in = Files.newInputStream(latest.resolve("slave.info"))) {
      info = AgentInfo.parseFrom(in);
    }
    List<Resource> total = new ArrayList<>();
    Path resources = latest.resolve("resources.info");
    if (Files.exists(resources)) {
      try (InputStream in = Files.newInputStream(resources)) {
        Resource r;
        while ((r = Resource.parseDelimitedFrom(in)) != null) {
          total.add(r);
        }
      }
    } else {
      total.addAll(info.getResourcesList());
    }
    return Optional.of(new Recovered(info, total));
  }

  /** Records a new agent's identity and makes it the latest. */
  void create(AgentInfo info) throws IOException {
    Path dir = Files.createDirectories(slaves().resolve(info.getId().getValue()));
    replace(dir.resolve("slave.info"), info.toByteArray());
    Path latest = slaves().resolve("latest");
    Path next = slaves().resolve("latest.new");
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, dir.getFileName());
    Files.move(next, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Records the agent's total resources after an operation changed them. */
  void resources(List<Resource> total) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Resource r : total) {
      r.writeDelimitedTo(out);
    }
    replace(slaves().resolve("latest").resolve("resources.info"), out.toByteArray());
  }

  private Path slaves() {
    return workDir.resolve("meta").resolve("slaves");
  }

  private static void replace(Path file, byte[] content) throws IOException {
    // Through the 'latest' link to the real directory, so the rename stays inside it.
    Path dir = file.getParent().toRealPath();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
