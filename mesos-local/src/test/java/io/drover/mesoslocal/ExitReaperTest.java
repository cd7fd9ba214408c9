package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task processes die with the JVM that runs mesos-local when it is stopped (SIGTERM), not only on close(). */
class ExitReaperTest {

  @TempDir
  Path workDir;

  @Test
  void stoppingTheJvmKillsItsTaskProcessTrees() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process owner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        TaskOwnerMain.class.getName(), workDir.toString())
        .redirectErrorStream(true)
        .start();
    long[] childPid = {-1};
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> out.lines().anyMatch("running"::equals));
      assertThat(running.get(60, TimeUnit.SECONDS)).as("the owner JVM's task reached TASK_RUNNING").isTrue();
      Path pidFile = await().atMost(Duration.ofSeconds(30)).until(() -> SandboxFiles.find(workDir, "t-owned", "child.pid"),
          p -> p != null && p.toFile().length() > 0);
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      childPid[0] = pid;
      assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

      owner.destroy(); // SIGTERM: the JVM runs its shutdown hooks and exits
      assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    } finally {
      owner.destroyForcibly();
      if (childPid[0] > 0) {
        ProcessHandle.of(childPid[0]).ifPresent(ProcessHandle::destroyForcibly); // a failed run leaves no orphan
      }
    }
  }
}
