package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.mesoslocal.MesosLocal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MesosLocalCommandTest {

  @TempDir
  Path workDir;

  @Test
  void optionsConfigureTheCluster() throws Exception {
    MesosLocalCommand command = new MesosLocalCommand();
    new CommandLine(command).parseArgs("--port", "0", "--agents", "3", "--work-dir", workDir.toString(), "--no-process",
        "--heartbeat-seconds", "1");
    try (MesosLocal cluster = command.start()) {
      assertThat(cluster.state().agents()).hasSize(3);
      HttpResponse<String> state = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(cluster.url() + "/state"))
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(state.statusCode()).isEqualTo(200);
      assertThat(state.body()).contains("\"hostname\":\"agent-2.local\"");
      assertThat(Files.isDirectory(workDir.resolve("agents"))).isTrue();
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new MesosLocalCommand()).setErr(new PrintWriter(err));
    assertThat(cli.execute("--agents", "0", "--port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("agents must be at least 1");
    assertThat(cli.execute("--agent-resources", "cpus=4", "--port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("expected name:value");
  }

  @Test
  void aBusyPortIsAnOperationalError() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new MesosLocalCommand()).setErr(new PrintWriter(err));
      assertThat(cli.execute("--port", Integer.toString(busy.getLocalPort()), "--no-process")).isEqualTo(3);
      assertThat(err.toString()).contains("is --port " + busy.getLocalPort() + " free?");
    }
  }
}
