package io.drover.mesoslocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files tasks wrote in their sandboxes. */
final class SandboxFiles {

  private SandboxFiles() {}

  /** The file {@code name} in the sandbox of {@code taskId} under {@code workDir}, or null. */
  static Path find(Path workDir, String taskId, String name) throws IOException {
    try (var files = Files.walk(workDir)) {
      return files.filter(p -> p.getFileName().toString().equals(name) && p.toString().contains("/" + taskId + "/"))
          .findFirst().orElse(null);
    }
  }
}
