package io.drover.controller.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

/**
 * Loads a ZooKeeper client configuration file: the properties ZooKeeper's own clients read (zkCli
 * takes the same file with {@code -client-configuration}), which is how a client talks TLS to an
 * ensemble's {@code secureClientPort}:
 *
 * <pre>
 * zookeeper.client.secure=true
 * zookeeper.ssl.keyStore.location=/etc/drover/zk/client.p12
 * zookeeper.ssl.keyStore.passwordPath=/etc/drover/secrets/zk-keystore-password
 * zookeeper.ssl.trustStore.location=/etc/drover/zk/truststore.p12
 * zookeeper.ssl.trustStore.passwordPath=/etc/drover/secrets/zk-truststore-password
 * </pre>
 *
 * <p>Checked when loaded, so a mistake is reported at start with the setting's name rather than as
 * an endless reconnect: TLS needs the Netty socket (set when absent), and every file a setting names
 * must be readable. {@code zookeeper.ssl.*} settings without {@code zookeeper.client.secure=true}
 * are refused, since the connection would silently stay plaintext.
 */
public final class ZkTlsConfig {
  static final String NETTY_SOCKET = "org.apache.zookeeper.ClientCnxnSocketNetty";

  private ZkTlsConfig() {}

  /**
   * A fresh client configuration from {@code file} (each ZooKeeper client needs its own).
   *
   * @throws IllegalArgumentException naming the file and the setting when it is unusable
   */
  public static ZKClientConfig load(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read the ZooKeeper client configuration " + file
          + ": " + (Files.exists(file) ? "permission denied" : "no such file"));
    }
    ZKClientConfig config;
    try {
      config = new ZKClientConfig(file.toFile());
    } catch (QuorumPeerConfig.ConfigException e) {
      throw new IllegalArgumentException("cannot load the ZooKeeper client configuration " + file
          + ": " + e.getMessage(), e);
    }
    try (ClientX509Util x509 = new ClientX509Util()) {
      List<String> fileSettings = List.of(
          x509.getSslKeystoreLocationProperty(), x509.getSslKeystorePasswdPathProperty(),
          x509.getSslTruststoreLocationProperty(), x509.getSslTruststorePasswdPathProperty());
      if (!config.getBoolean(ZKClientConfig.SECURE_CLIENT)) {
        Properties written = properties(file);
        for (String key : fileSettings) {
          if (written.getProperty(key) != null) {
            throw new IllegalArgumentException(file + " sets " + key + " but not "
                + ZKClientConfig.SECURE_CLIENT + "=true: the connection would not use TLS");
          }
        }
        return config;
      }
      String socket = config.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET);
      if (socket == null) {
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, NETTY_SOCKET);
      } else if (!socket.equals(NETTY_SOCKET)) {
        throw new IllegalArgumentException(file + ": TLS needs "
            + ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET + "=" + NETTY_SOCKET + ", not " + socket);
      }
      for (String key : fileSettings) {
        String named = config.getProperty(key);
        if (named != null && !Files.isReadable(Path.of(named))) {
          throw new IllegalArgumentException(file + ": " + key + " names " + named
              + ", which cannot be read");
        }
      }
      return config;
    }
  }

  /** What the file itself says, without the system properties ZKClientConfig adds. */
  private static Properties properties(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the ZooKeeper client configuration " + file
          + ": " + e.getMessage(), e);
    }
    return p;
  }
}
