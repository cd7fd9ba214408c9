package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.store.ZkSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A command's session: connecting in the background, and closing without waiting on nothing. */
class StoreSessionTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  @Test
  void aSessionConnectingInTheBackgroundReadsOnceConnected() throws Exception {
    try (StoreSession session = StoreSession.connecting(ZkSettings.of(CLI.connectString()))) {
      assertThat(session.connectedWithin(Duration.ofSeconds(10))).isTrue();
      session.awaitConnected();
      assertThat(session.status().read("absent")).isEmpty();
    }
  }

  @Test
  void aSessionThatNeverConnectedClosesAtOnce() throws Exception {
    String nothingListens;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nothingListens = "127.0.0.1:" + socket.getLocalPort();
    }
    StoreSession session = StoreSession.connecting(ZkSettings.of(nothingListens));
    assertThat(session.connectedWithin(Duration.ofMillis(300))).isFalse();

    long start = System.nanoTime();
    session.close();

    // The client would retry its connection (after a pause of up to a second) before closing:
    // there is no session on a server to wait for.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
  }
}
