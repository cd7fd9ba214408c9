package io.drover.controller.store;

import java.util.List;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * The ZooKeeper client configuration of a connection that has no configuration file: what
 * ZooKeeper's own {@code new ZKClientConfig()} takes from the system properties, made without
 * loading ZooKeeper's TLS utilities unless the system properties ask for TLS.
 *
 * <p>ZooKeeper 3.9's {@code ZKConfig} constructor instantiates {@code X509Util}, whose static
 * initialiser asks the JVM's default TLS context for its protocols and its server sockets for their
 * cipher suites, for plaintext connections too. That loads the security providers and the TLS
 * context's classes (about 500), 0.05–0.1 s of every short command's start-up
 * (docs/performance.md, cli-latency, fourteenth round). What it copies from the system properties
 * besides is the {@code zookeeper.ssl.*} settings and {@code zookeeper.fips-mode}, which only a TLS
 * connection reads; {@link Plaintext} copies every other property that ZooKeeper does, and {@code
 * ZkClientConfigsTest} holds the two equal so that a ZooKeeper upgrade cannot drift from it
 * unnoticed.
 */
public final class ZkClientConfigs {

  /**
   * The system properties {@code ZKConfig} and {@code ZKClientConfig} copy in their
   * backward-compatibility step, the TLS settings left out (the request timeout and server
   * principal are copied by {@code ZKClientConfig}'s constructor itself, for this class too).
   */
  static final List<String> COPIED = List.of(
      ZKClientConfig.JUTE_MAXBUFFER,
      ZKClientConfig.KINIT_COMMAND,
      ZKClientConfig.JGSS_NATIVE,
      ZKClientConfig.ZK_SASL_CLIENT_USERNAME,
      ZKClientConfig.ZK_SASL_CLIENT_CANONICALIZE_HOSTNAME,
      ZKClientConfig.LOGIN_CONTEXT_NAME_KEY,
      ZKClientConfig.ENABLE_CLIENT_SASL_KEY,
      ZKClientConfig.ZOOKEEPER_SERVER_REALM,
      ZKClientConfig.DISABLE_AUTO_WATCH_RESET,
      ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET,
      ZKClientConfig.SECURE_CLIENT);

  private ZkClientConfigs() {}

  /**
   * A fresh configuration from the system properties (each ZooKeeper client needs its own): ZooKeeper's
   * own when {@code zookeeper.client.secure} is true, else one without the TLS settings.
   */
  public static ZKClientConfig fromSystemProperties() {
    return secureBySystemProperty() ? new ZKClientConfig() : new Plaintext();
  }

  /** Whether the system properties ask for TLS ({@code zookeeper.client.secure}, as ZooKeeper reads it). */
  public static boolean secureBySystemProperty() {
    String secure = System.getProperty(ZKClientConfig.SECURE_CLIENT);
    return secure != null && Boolean.parseBoolean(secure.trim());
  }

  /** {@code new ZKClientConfig()} without the TLS settings and without loading TLS. */
  private static final class Plaintext extends ZKClientConfig {

    @Override
    protected void handleBackwardCompatibility() {
      // Called by ZKConfig's constructor; not super's, which would instantiate X509Util.
      for (String name : COPIED) {
        setProperty(name, System.getProperty(name));
      }
    }
  }
}
