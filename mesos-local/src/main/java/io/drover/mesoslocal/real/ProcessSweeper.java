package io.drover.mesoslocal.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and kills the processes that belong to one scratch directory: every executor, task and
 * helper a real agent started there runs in a sandbox under it (its working directory) or names it
 * in its command line or environment. Executors outlive a stopped agent and are not its children
 * (the posix launcher puts each container in its own session), so they are found through /proc.
 */
final class ProcessSweeper {

  private static final int ROUNDS = 20;

  private final String root;

  ProcessSweeper(Path root) {
    this.root = root.toAbsolutePath().normalize().toString();
  }

  /** The processes (other than this JVM) that use the directory now. */
  List<ProcessHandle> find() {
    long self = ProcessHandle.current().pid();
    List<ProcessHandle> out = new ArrayList<>();
    ProcessHandle.allProcesses().filter(p -> p.pid() != self && uses(p.pid())).forEach(out::add);
    return out;
  }

  /** SIGKILLs them, again and again while new ones appear (a dying executor may still fork); returns the survivors. */
  List<ProcessHandle> killAll() {
    for (int round = 0; round < ROUNDS; round++) {
      List<ProcessHandle> found = find();
      if (found.isEmpty()) {
        return found;
      }
      found.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle p : found) {
        p.onExit().completeOnTimeout(p, 2, java.util.concurrent.TimeUnit.SECONDS).join();
      }
    }
    return find();
  }

  private boolean uses(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
      if (cwd.equals(root) || cwd.startsWith(root + "/")) {
        return true;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Gone, or not ours to look at.
    }
    return contains(proc.resolve("cmdline")) || contains(proc.resolve("environ"));
  }

  private boolean contains(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return text.contains(root + "/") || text.contains(root + "\0") || text.endsWith(root);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
