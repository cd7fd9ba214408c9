package io.drover.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * The fixture of a CLI test class: one real ZooKeeper server for the class (or an address where
 * none listens), and for every test a fresh working directory and a {@link Drover} with its own
 * root, with the builder's files already written and applied. Tests never see each other's
 * files or services.
 *
 * <p>Register it in a static field; the test's own fields take the per-test objects, which exist
 * before the test instance is constructed:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DroverExtension CLI =
 *     DroverExtension.builder().applying("web.yaml", Docs.service("web", 2)).build();
 *
 * private final Drover drover = CLI.drover();
 * private final Path dir = CLI.dir();
 * }</pre>
 *
 * <p>Needs the default lifecycle (one test instance per test) and tests of a class run one at a
 * time: the per-test state is plain fields.
 */
final class DroverExtension implements BeforeAllCallback, AfterAllCallback,
    TestInstancePreConstructCallback, AfterEachCallback {

  private final boolean reachable;
  private final List<File> files;
  private ZooKeeperServer server;
  private String connectString;
  private Path dir;
  private Drover drover;

  private DroverExtension(Builder builder) {
    this.reachable = builder.reachable;
    this.files = List.copyOf(builder.files);
  }

  static Builder builder() {
    return new Builder();
  }

  /** A file written into each test's directory, in order, and applied when {@code apply}. */
  private record File(String path, String content, boolean apply) {}

  /** How the fixture is set up. */
  static final class Builder {
    private boolean reachable = true;
    private final List<File> files = new ArrayList<>();

    private Builder() {}

    /** Before each test, writes {@code content} to {@code path} in the test's directory. */
    Builder writing(String path, String content) {
      files.add(new File(path, content, false));
      return this;
    }

    /** Before each test, writes {@code content} to {@code path} and runs {@code apply -f path}. */
    Builder applying(String path, String content) {
      files.add(new File(path, content, true));
      return this;
    }

    /** Starts no server: the CLI gets a loopback address where nothing listens. */
    Builder unreachableZooKeeper() {
      reachable = false;
      return this;
    }

    DroverExtension build() {
      if (!reachable && files.stream().anyMatch(File::apply)) {
        throw new IllegalStateException("documents cannot be applied without a ZooKeeper server");
      }
      return new DroverExtension(this);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (reachable) {
      server = new ZooKeeperServer();
      server.start();
      connectString = server.connectString();
    } else {
      connectString = closedAddress();
    }
  }

  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext,
      ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("drover-cli-test-");
    drover = new Drover(connectString, dir);
    for (File file : files) {
      Docs.write(dir.resolve(file.path()), file.content());
      Drover.Result result = file.apply() ? drover.run("apply", "-f", file.path()) : null;
      if (result != null && result.exit() != 0) {
        // The test will not run, so afterEach will not either.
        afterEach(context);
        throw new IllegalStateException("fixture: 'drover apply -f " + file.path() + "' exited "
            + result.exit() + ": " + result.err());
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    drover.close();
    drover = null;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    dir = null;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  /** This test's CLI. */
  Drover drover() {
    return current(drover);
  }

  /** This test's working directory: relative paths on the command line resolve against it. */
  Path dir() {
    return current(dir);
  }

  /** The address the CLI is given. */
  String connectString() {
    return connectString;
  }

  private static <T> T current(T value) {
    if (value == null) {
      throw new IllegalStateException("no test is running: use DroverExtension from a static "
          + "@RegisterExtension field and read it in instance fields or test methods");
    }
    return value;
  }

  /** An address on loopback that nothing listens on: the port of a socket just closed. */
  private static String closedAddress() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
