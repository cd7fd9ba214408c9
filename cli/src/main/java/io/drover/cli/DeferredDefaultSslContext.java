package io.drover.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JVM's default TLS context, made when it is first used rather than when it is asked for.
 *
 * <p>ZooKeeper 3.9.2's {@code X509Util} asks for {@link SSLContext#getDefault()} in its static
 * initialiser, only to see whether TLSv1.3 is among the supported protocols and which cipher suites
 * the default server socket factory supports. A command that connects with TLS loads it ({@link
 * StartupWarmup#mayUseTls}; a plaintext connection is configured without it, {@code
 * ZkClientConfigs}). Making the default context loads the JDK's trust store (about 140
 * certificates): 0.1–0.2 CPU-seconds, for nothing, since ZooKeeper's TLS uses the trust store its
 * configuration names (docs/performance.md, cli-latency). This context
 * answers {@link SSLContext#getSupportedSSLParameters()} and its server socket factory's
 * cipher-suite lists from a context of the same provider without keys or trust, which has the same
 * protocols and cipher suites (the JDK lists them per protocol family, not per key material), and
 * hands everything else to the real default context, made on its first use. A command that opens
 * a TLS connection therefore gets the same default context as before, only later.
 */
final class DeferredDefaultSslContext extends SSLContext {

  private DeferredDefaultSslContext(Provider provider) {
    super(new Spi(provider), provider, "Default");
  }

  /**
   * Makes this the JVM's default TLS context, when a provider offers a default one (else nothing
   * changes). Called at start-up, before anything has asked for the default.
   */
  static void install() {
    create().ifPresent(SSLContext::setDefault);
  }

  /** A deferred default context of the provider the JDK would take, when there is one. */
  static Optional<SSLContext> create() {
    Provider[] providers = Security.getProviders("SSLContext.Default");
    return providers == null || providers.length == 0 ? Optional.empty()
        : Optional.of(new DeferredDefaultSslContext(providers[0]));
  }

  /** The supported lists without the trust store; everything else from the real default. */
  private static final class Spi extends SSLContextSpi {
    private final Provider provider;
    private SSLContext real;
    private SSLContext keyless;

    Spi(Provider provider) {
      this.provider = provider;
    }

    /** The default context the JVM would have made, made on first need. */
    private synchronized SSLContext real() {
      if (real == null) {
        try {
          real = SSLContext.getInstance("Default", provider);
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("the default TLS context cannot be made", e);
        }
      }
      return real;
    }

    /** The real context once made, else one of the same provider without keys or trust. */
    private synchronized SSLContext lists() {
      if (real != null) {
        return real;
      }
      try {
        if (keyless == null) {
          SSLContext context = SSLContext.getInstance("TLS", provider);
          context.init(new KeyManager[0], new TrustManager[0], null);
          keyless = context;
        }
        return keyless;
      } catch (NoSuchAlgorithmException | KeyManagementException e) {
        return real();
      }
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return lists().getSupportedSSLParameters();
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      // As the JDK's own default context: it is initialised by itself.
      throw new KeyManagementException("Default SSLContext is initialized automatically");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return real().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return new ServerSockets(this);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return real().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return real().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return real().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return real().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return real().getDefaultSSLParameters();
    }
  }

  /**
   * The server socket factory: its cipher-suite lists without the trust store (X509Util reads them
   * from {@link SSLServerSocketFactory#getDefault()} too), its sockets from the real default.
   */
  private static final class ServerSockets extends SSLServerSocketFactory {
    private final Spi spi;

    ServerSockets(Spi spi) {
      this.spi = spi;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return spi.lists().getServerSocketFactory().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return spi.lists().getServerSocketFactory().getSupportedCipherSuites();
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return spi.real().getServerSocketFactory().createServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return spi.real().getServerSocketFactory().createServerSocket(port);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return spi.real().getServerSocketFactory().createServerSocket(port, backlog);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      return spi.real().getServerSocketFactory().createServerSocket(port, backlog, address);
    }
  }
}
