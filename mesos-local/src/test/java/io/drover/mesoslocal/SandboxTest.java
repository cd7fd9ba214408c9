package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {

  @TempDir Path dir;

  @Test
  void aVolumeUnderARelativeWorkDirIsLinkedSoThatTheTaskReachesIt() throws Exception {
    // As with `drover mesos-local --work-dir work`: every path is relative to the current directory.
    Path workDir = Path.of("").toAbsolutePath().relativize(dir);
    Path volume = workDir.resolve("volumes/vol-1");
    LaunchSpec spec = new LaunchSpec(new TaskKey("f", "t"), TaskInfo.getDefaultInstance(),
        workDir.resolve("slaves/S0/frameworks/f/executors/e/runs/r1"), Map.of("data", volume), Map.of(), true);

    Path sandbox = Sandbox.prepare(spec);

    Files.writeString(sandbox.resolve("data/log"), "w1");
    assertThat(Files.readString(dir.resolve("volumes/vol-1/log"))).isEqualTo("w1");
  }
}
