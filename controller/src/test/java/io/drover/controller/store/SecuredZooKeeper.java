package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server on 127.0.0.1 for a test class, a fresh root per test, the two identities
 * of the ACL model, and clients connected as anyone of them (closed after each test).
 */
public final class SecuredZooKeeper
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  public static final DigestIdentity CONTROLLER = new DigestIdentity("drover", "controller-secret");
  public static final DigestIdentity USER = new DigestIdentity("ci", "user-secret");

  private TestingServer server;
  private String root;
  private final List<CuratorFramework> clients = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    root = "/t-" + UUID.randomUUID();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(CuratorFramework::close);
    clients.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
  }

  public StorePaths paths() {
    return new StorePaths(root);
  }

  /** Settings for this test's root, without credentials. */
  public ZkSettings settings() {
    return ZkSettings.of("127.0.0.1:" + server.getPort()).withRoot(root);
  }

  public ZkSettings settingsAs(DigestIdentity identity) {
    return settings().withDigestAuth(identity.user() + ":" + identity.password());
  }

  /** A connected store client (as the CLI opens them) with these credentials, or anonymous. */
  public CuratorFramework connect(ZkSettings settings) throws Exception {
    CuratorFramework client = ZkClients.connect(settings);
    clients.add(client);
    return client;
  }

  /** A connected client authenticated as every one of {@code identities}, as zk init uses. */
  public CuratorFramework connectAs(DigestIdentity... identities) throws Exception {
    List<org.apache.curator.framework.AuthInfo> auth = new ArrayList<>();
    for (DigestIdentity identity : identities) {
      auth.add(identity.authInfo());
    }
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString("127.0.0.1:" + server.getPort())
        .retryPolicy(new RetryOneTime(100))
        .authorization(auth)
        .build();
    client.start();
    clients.add(client);
    client.blockUntilConnected();
    return client;
  }

  /**
   * A client configured as the controller configures its own (session-only error policy, the
   * controller's ACL provider) with the controller's credentials; not connected yet.
   */
  ControllerClient controllerClient(ZkSettings settings) {
    ControllerAclProvider acls = ControllerAclProvider.create(settings);
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(settings.hosts())
        .sessionTimeoutMs(10_000)
        .retryPolicy(new RetryOneTime(100))
        .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
        .authorization("digest", settings.digestAuth().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .aclProvider(acls)
        .build();
    acls.follow(client);
    clients.add(client);
    return new ControllerClient(client, acls);
  }

  record ControllerClient(CuratorFramework client, ControllerAclProvider acls) {}

  /** Runs {@code drover zk init}'s bootstrap for this test's root. */
  public AclBootstrap.Result init() throws Exception {
    return new AclBootstrap(connectAs(CONTROLLER, USER), paths(), AclModel.of(CONTROLLER, USER))
        .run();
  }
}
