package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator verbs when no controller can act: none elected in ZooKeeper, or the one named by
 * --controller not listening. Both are operational errors that say what to do. (The verbs against
 * running controllers: OperatorVerbsTest in module local.)
 */
class OperatorVerbsWithoutControllerTest {

  @RegisterExtension
  static final DroverExtension CLI =
      DroverExtension.builder().applying("web.yaml", Docs.service("web", 1)).build();

  private final Drover drover = CLI.drover();

  @Test
  void withNoLeaderElectedTheVerbSaysSo() {
    Drover.Result result = drover.run("restart", "pod", "web", "hello-0");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("error: no controller replica leads right now (none is in "
        + "the election in ZooKeeper): start 'drover controller', or pass --controller URL\n");
  }

  @Test
  void aControllerThatDoesNotListenIsNamed() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Drover.Result result = drover.run("pause", "plan", "web", "--controller",
        "http://127.0.0.1:" + port);

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("error: cannot reach the controller at 127.0.0.1:" + port
        + ": check that it runs (or pass --controller URL)\n");
  }

  @Test
  void aControllerUrlThatIsNotHttpIsAUsageError() {
    Drover.Result result = drover.run("resume", "plan", "web", "--controller", "zk://x:2181");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: invalid controller URL 'zk://x:2181': expected "
        + "http://HOST:PORT or https://HOST[:PORT]\n");
  }
}
