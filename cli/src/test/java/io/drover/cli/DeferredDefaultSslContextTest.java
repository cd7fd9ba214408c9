package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The deferred default TLS context answers as the JDK's own default context does. */
class DeferredDefaultSslContextTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  private final SSLContext deferred = DeferredDefaultSslContext.create().orElseThrow();

  /** What ZooKeeper's X509Util reads (is TLSv1.3 supported?), answered without the trust store. */
  @Test
  void supportsTheProtocolsAndCipherSuitesOfTheRealDefault() throws Exception {
    SSLParameters real = SSLContext.getInstance("Default").getSupportedSSLParameters();
    SSLParameters answered = deferred.getSupportedSSLParameters();
    assertThat(answered.getProtocols()).containsExactly(real.getProtocols()).contains("TLSv1.3");
    assertThat(answered.getCipherSuites()).containsExactly(real.getCipherSuites());
  }

  /** X509Util also reads the cipher suites of the default server socket factory. */
  @Test
  void itsServerSocketFactoryListsTheCipherSuitesOfTheRealDefault() throws Exception {
    SSLServerSocketFactory real = SSLContext.getInstance("Default").getServerSocketFactory();
    SSLServerSocketFactory answered = deferred.getServerSocketFactory();
    assertThat(answered.getSupportedCipherSuites())
        .containsExactly(real.getSupportedCipherSuites());
    assertThat(answered.getDefaultCipherSuites()).containsExactly(real.getDefaultCipherSuites());
  }

  /**
   * In a JVM of its own, as {@code ./drover} runs it: a store verb connecting without TLS does not
   * initialise ZooKeeper's TLS utilities (whose static initialiser asks for the default TLS
   * context), so no TLS class of the JDK is loaded, let alone its trust store ({@code
   * ZkClientConfigs}).
   */
  @Test
  void aStoreVerbWithoutTlsLoadsNoTls(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes.log");
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + classes,
        "-cp", classPathWithoutTestClasses(),
        Main.class.getName(), "get", "services", "--zk", ZK.connectString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove(ZkOptions.ENV_CLIENT_CONFIG);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("No services found.");
    assertThat(Files.readString(classes))
        .contains("org.apache.zookeeper.ClientCnxn ")
        .doesNotContain("javax.net.ssl.SSLContext ", "sun.security.ssl.",
            "io.drover.cli.DeferredDefaultSslContext ");
  }

  @Test
  void usesTheRealDefaultForEverythingElse() throws Exception {
    SSLContext real = SSLContext.getInstance("Default");
    assertThat(deferred.getProtocol()).isEqualTo(real.getProtocol());
    assertThat(deferred.getProvider()).isEqualTo(real.getProvider());
    assertThat(deferred.getDefaultSSLParameters().getProtocols())
        .containsExactly(real.getDefaultSSLParameters().getProtocols());
    assertThat(deferred.getDefaultSSLParameters().getCipherSuites())
        .containsExactly(real.getDefaultSSLParameters().getCipherSuites());
    SSLEngine engine = deferred.createSSLEngine("zk.example.com", 2281);
    assertThat(engine.getPeerHost()).isEqualTo("zk.example.com");
    assertThat(engine.getEnabledProtocols())
        .containsExactly(real.createSSLEngine().getEnabledProtocols());
    assertThat(deferred.getSocketFactory().getDefaultCipherSuites())
        .containsExactly(real.getSocketFactory().getDefaultCipherSuites());
    assertThat(deferred.getClientSessionContext()).isNotNull();
    // Once the real context exists, the supported parameters come from it.
    assertThat(deferred.getSupportedSSLParameters().getProtocols())
        .containsExactly(real.getSupportedSSLParameters().getProtocols());
  }

  /** Like the JDK's default context, it cannot be initialised with other keys or trust. */
  @Test
  void refusesInitialisation() {
    assertThatThrownBy(() -> deferred.init(null, null, null))
        .isInstanceOf(KeyManagementException.class)
        .hasMessageContaining("initialized automatically");
  }

  /** This JVM's class path without the test classes (their logback-test.xml; the jar has none). */
  private static String classPathWithoutTestClasses() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
