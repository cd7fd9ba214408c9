package io.drover.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A standalone ZooKeeper server in this JVM, for {@code drover local} and {@code drover bench}:
 * ZooKeeper's own embedded server (the same code as a real one), listening on 127.0.0.1, with its
 * data under a directory that survives restarts of the command. Session timeouts from 1 s to 60 s
 * are allowed.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  private final ZooKeeperServerEmbedded server;
  private final int port;

  private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the server and waits until it serves.
   *
   * @param port the client port; 0 picks a free one
   */
  public static EmbeddedZooKeeper start(Path dir, int port) throws Exception {
    int clientPort = port == 0 ? freePort() : checkFree(port);
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("clientPort", Integer.toString(clientPort));
    p.setProperty("clientPortAddress", "127.0.0.1");
    p.setProperty("dataDir", dir.resolve("data").toAbsolutePath().toString());
    p.setProperty("tickTime", "500");
    p.setProperty("minSessionTimeout", "1000");
    p.setProperty("maxSessionTimeout", "60000");
    p.setProperty("admin.enableServer", "false");
    p.setProperty("maxClientCnxns", "0");
    ZooKeeperServerEmbedded server =
        ZooKeeperServerEmbedded.builder().baseDir(dir).configuration(p).exitHandler(ExitHandler.LOG_ONLY).build();
    try {
      server.start(10_000);
    } catch (Exception e) {
      server.close();
      throw new IOException("cannot start ZooKeeper on 127.0.0.1:" + clientPort + ": " + e, e);
    }
    return new EmbeddedZooKeeper(server, clientPort);
  }

  /** {@code 127.0.0.1:<port>}. */
  public String connectString() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }

  private static int checkFree(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return port;
    } catch (IOException e) {
      throw new IOException("port 127.0.0.1:" + port + " is taken (another ZooKeeper?): pick another with --zk-port", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
