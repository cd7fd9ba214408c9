package io.drover.cli;

import io.drover.controller.security.Secret;
import io.drover.controller.security.SecretSource;
import io.drover.controller.store.ZkSettings;
import io.drover.controller.store.ZkTlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The ZooKeeper connection options shared by every verb that reads or writes the store. Values not
 * given on the command line come from the environment ({@code DROVER_ZK}, {@code DROVER_ROOT},
 * {@code DROVER_ZK_AUTH} or {@code DROVER_ZK_AUTH_FILE}, {@code DROVER_ZK_CLIENT_CONFIG}).
 */
final class ZkOptions {

  static final String ENV_ZK = "DROVER_ZK";
  static final String ENV_ROOT = "DROVER_ROOT";
  static final String ENV_AUTH = "DROVER_ZK_AUTH";
  static final String ENV_CLIENT_CONFIG = "DROVER_ZK_CLIENT_CONFIG";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(names = "--zk", paramLabel = "HOST:PORT[,..][/CHROOT]",
      description = "ZooKeeper connection string (default: $DROVER_ZK).")
  private String zk;

  @Option(names = "--root", paramLabel = "PATH",
      description = "Drover's root node (default: $DROVER_ROOT or /drover).")
  private String root;

  @Option(names = "--zk-auth", paramLabel = "USER:PASSWORD",
      description = "ZooKeeper digest credentials (default: $DROVER_ZK_AUTH; prefer the variable, "
          + "since command lines are visible to other users).")
  private String auth;

  @Option(names = "--zk-auth-file", paramLabel = "FILE",
      description = "File holding the ZooKeeper digest credentials USER:PASSWORD (default: the file "
          + "named by $DROVER_ZK_AUTH_FILE); --zk-auth wins over it, it wins over $DROVER_ZK_AUTH.")
  private Path authFile;

  @Option(names = "--zk-client-config", paramLabel = "FILE",
      description = "ZooKeeper client configuration file, for TLS: zookeeper.client.secure=true and "
          + "zookeeper.ssl.keyStore/trustStore settings, as zkCli -client-configuration takes "
          + "(default: $" + ENV_CLIENT_CONFIG + ").")
  private Path clientConfig;

  @Option(names = "--zk-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Give up when ZooKeeper cannot be reached within this time (default: 10s).")
  private Duration timeout;

  /** The settings these options and {@code env} describe; a usage error when incomplete. */
  ZkSettings settings(Map<String, String> env) {
    String connect = zk != null ? zk : env.get(ENV_ZK);
    if (connect == null || connect.isBlank()) {
      throw new ParameterException(mixee.commandLine(),
          "no ZooKeeper address: pass --zk host:port[,host:port...][/chroot] or set " + ENV_ZK);
    }
    try {
      ZkSettings settings = ZkSettings.of(connect);
      String rootPath = root != null ? root : env.get(ENV_ROOT);
      if (rootPath != null && !rootPath.isBlank()) {
        settings = settings.withRoot(rootPath);
      }
      String credentials = auth != null ? auth
          : SecretSource.read("the ZooKeeper credentials", authFile, ENV_AUTH, env)
              .map(Secret::reveal).orElse(null);
      if (credentials != null && !credentials.isEmpty()) {
        settings = settings.withDigestAuth(credentials);
      }
      String tls = clientConfig != null ? clientConfig.toString() : env.get(ENV_CLIENT_CONFIG);
      if (tls != null && !tls.isBlank()) {
        Path file = Path.of(tls);
        ZkTlsConfig.load(file); // checked now, so that a mistake is a usage error naming it
        settings = settings.withClientConfig(file);
      }
      if (timeout != null) {
        settings = settings.withConnectionTimeout(timeout);
      }
      return settings;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }
}
