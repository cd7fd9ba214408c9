package io.drover.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A standalone ZooKeeper server in this JVM on 127.0.0.1 and a free port: ZooKeeper's own
 * embedded server, so requests take the real path (network, request processors, transaction log
 * with fsync, watch manager). The tick is 500 ms, as in {@code drover local}; sessions may ask for
 * 1 s to 60 s.
 */
public final class BenchZooKeeper implements AutoCloseable {
  static final int TICK_MS = 500;

  private final ZooKeeperServerEmbedded server;
  private final int port;

  private BenchZooKeeper(ZooKeeperServerEmbedded server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a server with its data under {@code dir}, and waits until it serves (at most 30 s). */
  public static BenchZooKeeper start(Path dir) throws Exception {
    int port = freePort();
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("clientPort", Integer.toString(port));
    p.setProperty("clientPortAddress", "127.0.0.1");
    p.setProperty("dataDir", dir.resolve("data").toAbsolutePath().toString());
    p.setProperty("tickTime", Integer.toString(TICK_MS));
    p.setProperty("minSessionTimeout", "1000");
    p.setProperty("maxSessionTimeout", "60000");
    p.setProperty("admin.enableServer", "false");
    p.setProperty("maxClientCnxns", "0");
    ZooKeeperServerEmbedded server =
        ZooKeeperServerEmbedded.builder()
            .baseDir(dir)
            .configuration(p)
            .exitHandler(ExitHandler.LOG_ONLY)
            .build();
    try {
      server.start(30_000);
    } catch (Exception e) {
      server.close();
      throw new IOException(
          "cannot start the benchmark's ZooKeeper on 127.0.0.1:" + port + ": " + e, e);
    }
    return new BenchZooKeeper(server, port);
  }

  /** {@code 127.0.0.1:<port>}. */
  public String connectString() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
