package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.server.NettyServerCnxnFactory;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.auth.ProviderRegistry;
import org.apache.zookeeper.server.auth.X509AuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZooKeeper over TLS: a real ZooKeeper server with only a TLS client port (Netty, client
 * certificates required) and certificates made with the JDK's keytool; the store connects with a
 * client configuration file, and connections without TLS or to an untrusted server fail.
 */
class ZkTlsTest {

  private static final String PASSWORD = "changeit";
  private static final String X509_PROVIDER = "zookeeper.authProvider.x509";
  /** The server's TLS settings: ZooKeeper servers read them from system properties only. */
  private static final Map<String, String> SERVER_PROPERTIES = Map.of(
      X509_PROVIDER, X509AuthenticationProvider.class.getName(),
      "zookeeper.ssl.keyStore.location", "keystore.p12",
      "zookeeper.ssl.keyStore.password", PASSWORD,
      "zookeeper.ssl.trustStore.location", "truststore.p12",
      "zookeeper.ssl.trustStore.password", PASSWORD);

  @TempDir
  static Path dir;

  private static ServerCnxnFactory factory;
  private static ZooKeeperServer server;

  @BeforeAll
  static void startTlsServer() throws Exception {
    keytool("-genkeypair", "-alias", "zk", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore", "keystore.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-exportcert", "-alias", "zk", "-keystore", "keystore.p12", "-storepass", PASSWORD,
        "-file", "zk.crt");
    keytool("-importcert", "-noprompt", "-alias", "zk", "-file", "zk.crt",
        "-keystore", "truststore.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=other", "-keystore", "other.p12", "-storetype", "PKCS12",
        "-storepass", PASSWORD);
    Files.writeString(dir.resolve("password"), PASSWORD + "\n");

    SERVER_PROPERTIES.forEach((k, v) -> System.setProperty(k,
        k.endsWith("location") ? dir.resolve(v).toString() : v));
    // As a server with a secureClientPort does: certificates authenticate clients as x509 ids.
    ProviderRegistry.addOrUpdateProvider(X509_PROVIDER);
    String previous = System.setProperty(ServerCnxnFactory.ZOOKEEPER_SERVER_CNXN_FACTORY,
        NettyServerCnxnFactory.class.getName());
    try {
      factory = ServerCnxnFactory.createFactory();
    } finally {
      restore(ServerCnxnFactory.ZOOKEEPER_SERVER_CNXN_FACTORY, previous);
    }
    factory.configure(new InetSocketAddress("127.0.0.1", 0), 100, -1, true);
    File data = Files.createDirectories(dir.resolve("data")).toFile();
    server = new ZooKeeperServer(data, data, 2000);
    factory.startup(server);
  }

  @AfterAll
  static void stopTlsServer() {
    if (factory != null) {
      factory.shutdown();
    }
    if (server != null) {
      server.shutdown();
    }
    ProviderRegistry.removeProvider("x509");
    SERVER_PROPERTIES.keySet().forEach(System::clearProperty);
  }

  private static ZkSettings settings() {
    return ZkSettings.of("127.0.0.1:" + factory.getLocalPort()).withRoot("/tls")
        .withConnectionTimeout(Duration.ofSeconds(5));
  }

  private static Path clientConfig(String name, String keyStore, String trustStore)
      throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n",
        "zookeeper.client.secure=true",
        "zookeeper.ssl.keyStore.location=" + dir.resolve(keyStore),
        "zookeeper.ssl.keyStore.passwordPath=" + dir.resolve("password"),
        "zookeeper.ssl.trustStore.location=" + dir.resolve(trustStore),
        "zookeeper.ssl.trustStore.passwordPath=" + dir.resolve("password"), ""));
  }

  @Test
  void theStoreWorksOverTlsWithAClientConfigurationFile() throws Exception {
    Path config = clientConfig("client.properties", "keystore.p12", "truststore.p12");

    try (CuratorFramework client = ZkClients.connect(settings().withClientConfig(config))) {
      DesiredStore store = DesiredStore.create(client, settings().paths());
      store.create("hello", "kind: Service".getBytes(StandardCharsets.UTF_8));
      assertThat(store.read("hello").orElseThrow().generation()).isZero();
    }
    assertThat(ZkTlsConfig.load(config).getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET))
        .isEqualTo(ZkTlsConfig.NETTY_SOCKET);
  }

  @Test
  void aPlaintextClientCannotConnect() {
    ZkSettings plain = settings().withConnectionTimeout(Duration.ofSeconds(2));

    assertThatThrownBy(() -> ZkClients.connect(plain).close())
        .isInstanceOfSatisfying(StoreException.class, e ->
            assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE));
  }

  @Test
  void aServerTheTruststoreDoesNotTrustIsRefused() throws Exception {
    Path config = clientConfig("untrusting.properties", "other.p12", "other.p12");
    ZkSettings untrusting = settings().withClientConfig(config)
        .withConnectionTimeout(Duration.ofSeconds(2));

    assertThatThrownBy(() -> ZkClients.connect(untrusting).close())
        .isInstanceOfSatisfying(StoreException.class, e ->
            assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE));
  }

  @Test
  void mistakesInTheConfigurationAreNamedWhenItIsLoaded() throws Exception {
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> ZkTlsConfig.load(missing))
        .hasMessage("cannot read the ZooKeeper client configuration " + missing + ": no such file");

    Path notSecure = Files.writeString(dir.resolve("not-secure.properties"),
        "zookeeper.ssl.trustStore.location=" + dir.resolve("truststore.p12") + "\n");
    assertThatThrownBy(() -> ZkTlsConfig.load(notSecure))
        .hasMessage(notSecure + " sets zookeeper.ssl.trustStore.location but not"
            + " zookeeper.client.secure=true: the connection would not use TLS");

    Path nio = Files.writeString(dir.resolve("nio.properties"), "zookeeper.client.secure=true\n"
        + "zookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNIO\n");
    assertThatThrownBy(() -> ZkTlsConfig.load(nio))
        .hasMessage(nio + ": TLS needs zookeeper.clientCnxnSocket="
            + "org.apache.zookeeper.ClientCnxnSocketNetty, not org.apache.zookeeper.ClientCnxnSocketNIO");

    Path noKeystore = Files.writeString(dir.resolve("no-keystore.properties"),
        "zookeeper.client.secure=true\nzookeeper.ssl.keyStore.location=/nonexistent/client.p12\n");
    assertThatThrownBy(() -> ZkTlsConfig.load(noKeystore))
        .hasMessage(noKeystore + ": zookeeper.ssl.keyStore.location names"
            + " /nonexistent/client.p12, which cannot be read");
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("keytool did not finish within 60s: " + command);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + command + "\n" + out);
      }
    } finally {
      p.destroyForcibly();
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }
}
