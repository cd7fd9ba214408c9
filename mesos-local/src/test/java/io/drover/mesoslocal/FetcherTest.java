package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches a sandbox before the command starts: CommandInfo.uris, fetched as Mesos fetches them;
 * a container image, which mesos-local refuses.
 */
class FetcherTest {

  @TempDir
  Path workDir;

  @TempDir
  Path files;

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().workDir(workDir).agentResources("cpus:8;mem:8192;disk:1024;ports:[31000-31100]")
        .allocationInterval(Duration.ofMillis(100)).start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void archivesAreExtractedExecutablesMarkedAndOutputFilesNamed() throws Exception {
    Path tarball = Archives.tarball(files, "app.tar.gz", "app/run.sh", "#!/bin/sh\necho from-tarball\n");
    Path zip = files.resolve("conf.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("conf/app.conf"));
      out.write("zipped=yes\n".getBytes(StandardCharsets.UTF_8));
    }
    Path script = Files.writeString(files.resolve("tool"), "#!/bin/sh\necho tool-ran\n");
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/data.txt", ex -> {
      byte[] body = "over-http\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    http.start();
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("fetch").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      String cmd = "sh app/run.sh > out.txt && cat conf/app.conf >> out.txt && ./bin/tool >> out.txt"
          + " && cat data.txt >> out.txt && test -f app.tar.gz";
      TaskInfo task = TestScheduler.task("t-fetch", offer, cmd, 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue(cmd)
              .addUris(CommandInfo.URI.newBuilder().setValue("file://" + tarball))
              .addUris(CommandInfo.URI.newBuilder().setValue(zip.toString()))
              .addUris(CommandInfo.URI.newBuilder().setValue("file://" + script).setExecutable(true).setOutputFile("bin/tool"))
              .addUris(CommandInfo.URI.newBuilder().setValue("http://127.0.0.1:" + http.getAddress().getPort() + "/data.txt")))
          .build();
      s.launch(offer, task);
      s.awaitUpdate("t-fetch", TaskState.TASK_FINISHED);
      Path out = SandboxFiles.find(workDir, "t-fetch", "out.txt");
      assertThat(Files.readString(out)).isEqualTo("from-tarball\nzipped=yes\ntool-ran\nover-http\n");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void aFailedFetchFailsTheLaunchNamingTheUri() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("fetch-fail").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      String missing = "file://" + files.resolve("missing.tgz");
      TaskInfo task = TestScheduler.task("t-missing", offer, "true", 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue("true").addUris(CommandInfo.URI.newBuilder().setValue(missing)))
          .build();
      s.launch(offer, task);
      TaskStatus failed = s.awaitUpdate("t-missing", TaskState.TASK_FAILED);
      assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
      assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
      assertThat(failed.getMessage()).startsWith("Failed to launch container: ").contains(missing);
      assertThat(s.updates("t-missing")).extracting(TaskStatus::getState).containsExactly(TaskState.TASK_FAILED);
      Path stderr = await().atMost(TestScheduler.WAIT).until(() -> SandboxFiles.find(workDir, "t-missing", "stderr"),
          p -> p != null);
      assertThat(Files.readString(stderr)).contains("Fetching URI '" + missing + "'");
    }
  }

  @Test
  void aTaskWithAContainerImageFailsToLaunchSayingWhy() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("image").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("t-image", offer, "true", 0.1, 32).toBuilder()
          .setContainer(ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS).setMesos(ContainerInfo.MesosInfo
              .newBuilder().setImage(Image.newBuilder().setType(Image.Type.DOCKER)
                  .setDocker(Image.Docker.newBuilder().setName("debian:bookworm-slim")))))
          .build();
      s.launch(offer, task);
      TaskStatus failed = s.awaitUpdate("t-image", TaskState.TASK_FAILED);
      assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
      assertThat(failed.getMessage()).isEqualTo("Failed to launch container: mesos-local runs tasks as processes on"
          + " this machine and cannot run the container image 'debian:bookworm-slim'; run it on Mesos agents with"
          + " --image_providers=docker");
    }
  }

  /** Archives built in tests from text files. */
  static final class Archives {
    private Archives() {}

    /** A gzipped tarball {@code name} in {@code dir} holding one file at {@code entry} with {@code content}. */
    static Path tarball(Path dir, String name, String entry, String content) throws Exception {
      Path src = Files.createTempDirectory(dir, "src");
      Path file = src.resolve(entry);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      Path out = dir.resolve(name);
      Process tar = new ProcessBuilder("tar", "-C", src.toString(), "-czf", out.toString(), entry)
          .redirectErrorStream(true).start();
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      tar.getInputStream().transferTo(log);
      assertThat(tar.waitFor()).as("tar: %s", log).isZero();
      return out;
    }
  }
}
