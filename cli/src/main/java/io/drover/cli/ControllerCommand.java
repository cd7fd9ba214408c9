package io.drover.cli;

import io.drover.controller.app.Controller;
import io.drover.controller.app.ControllerConfig;
import io.drover.controller.app.FrameworkUninstall;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.security.Secret;
import io.drover.controller.security.SecretSource;
import io.drover.controller.store.ZkSettings;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code drover controller}: runs one controller replica until it is stopped (SIGTERM or Ctrl-C
 * hands leadership over at once), or with {@code --uninstall} tears the whole framework down.
 */
@Command(
    name = "controller",
    description = {
      "Run a controller replica: watch the Service documents in ZooKeeper and drive them on Mesos. "
          + "Run several replicas; one leads, the others stand by and serve read-only HTTP. "
          + "Stop it with SIGTERM or Ctrl-C: leadership is handed over at once.",
      "With --uninstall, tear the whole framework down instead (stop the other replicas first): "
          + "every service is torn down in parallel, then the framework (TEARDOWN on Mesos), then "
          + "the scheduler's state in ZooKeeper. The documents stay. Run it again to resume."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:with --uninstall: nothing is left",
      ExitCodes.USAGE_LINE,
      "3:operational error (the HTTP port is taken, the teardown could not finish)",
      "130, 143:stopped by Ctrl-C or SIGTERM, after handing leadership over (as any JVM)"
    })
final class ControllerCommand implements Callable<Integer> {
  static final String ENV_MASTER = "DROVER_MASTER";
  static final String ENV_MESOS_SECRET = "DROVER_MESOS_SECRET";
  static final String ENV_API_TOKEN = "DROVER_API_TOKEN";

  @ParentCommand private Main main;

  @Mixin private ZkOptions zk;

  @Option(names = "--master", paramLabel = "URL",
      description = "Mesos master(s): http://host:5050[,host:5050...] or zk://host:2181/mesos "
          + "(default: $" + ENV_MASTER + ").")
  private String master;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port of the HTTP API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  private int httpPort;

  @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
      description = "Address the HTTP API binds to (default: ${DEFAULT-VALUE}).")
  private String httpHost;

  @Option(names = "--advertise-host", paramLabel = "HOST",
      description = "Host name other replicas and clients reach this one by (default: this host's name).")
  private String advertiseHost;

  @Option(names = "--id", paramLabel = "ID",
      description = "This replica's id in the election (default: <host>-<pid>).")
  private String id;

  @Option(names = "--framework-name", paramLabel = "NAME", defaultValue = "drover",
      description = "Mesos framework name (default: ${DEFAULT-VALUE}).")
  private String frameworkName;

  @Option(names = "--role", paramLabel = "ROLE",
      description = "Mesos role to get offers for and reserve under (default: the framework name).")
  private String role;

  @Option(names = "--principal", paramLabel = "PRINCIPAL",
      description = "Mesos principal, put on reservations and volumes (default: none).")
  private String principal;

  @Option(names = "--user", paramLabel = "USER",
      description = "Unix user tasks run as; it must exist on the agents (default: the current user).")
  private String user;

  @Option(names = "--session-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "10s",
      description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE}). A leader that dies is "
          + "replaced after about this long; shorter means faster failover but more spurious ones.")
  private Duration sessionTimeout;

  @Option(names = "--mesos-secret-file", paramLabel = "FILE",
      description = "File holding the secret of --principal, sent to Mesos as HTTP basic "
          + "authentication (default: the file named by $" + ENV_MESOS_SECRET + "_FILE, else $"
          + ENV_MESOS_SECRET + "; none: no authentication). Never printed.")
  private Path mesosSecretFile;

  @Option(names = "--api-token-file", paramLabel = "FILE",
      description = "File holding the bearer token every mutating HTTP API request must carry "
          + "(default: the file named by $" + ENV_API_TOKEN + "_FILE, else $" + ENV_API_TOKEN
          + "; none: no token required). Never printed.")
  private Path apiTokenFile;

  @Option(names = "--uninstall", description = "Tear the whole framework down and exit (see above).")
  private boolean uninstall;

  @Override
  public Integer call() throws Exception {
    CliContext context = main.context();
    ProcessLogging.configure(context.env(), null);
    ZkSettings settings = zk.settings(context.env()).withSessionTimeout(sessionTimeout);
    String mesos = master != null ? master : context.env().get(ENV_MASTER);
    if (mesos == null || mesos.isBlank()) {
      context.err().println("error: no Mesos master: pass --master http://host:5050 or set " + ENV_MASTER);
      return ExitCodes.USAGE;
    }
    Optional<Secret> mesosSecret;
    Optional<Secret> apiToken;
    try {
      mesosSecret = SecretSource.read("the Mesos secret", mesosSecretFile, ENV_MESOS_SECRET, context.env());
      apiToken = SecretSource.read("the API token", apiTokenFile, ENV_API_TOKEN, context.env());
    } catch (IllegalArgumentException e) {
      context.err().println("error: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (mesosSecret.isPresent() && principal == null) {
      context.err().println("error: a Mesos secret was given but no --principal: pass the principal it belongs to");
      return ExitCodes.USAGE;
    }
    String host = advertiseHost != null ? advertiseHost : localHostName();
    String replicaId = id != null ? id : host + "-" + ProcessHandle.current().pid();
    ControllerConfig config = ControllerConfig.of(settings, replicaId, httpPort, host).withHttpHost(httpHost);
    config = apiToken.map(config::withApiToken).orElse(config);
    if (uninstall) {
      return uninstall(context, config, runtimes(mesos, settings, mesosSecret, Duration.ofDays(36_500)));
    }
    Controller controller = Controller.start(config, runtimes(mesos, settings, mesosSecret, Duration.ofMinutes(10)));
    context.out().println("controller " + replicaId + " running; HTTP API on " + controller.self().httpAddress()
        + " (bound to " + controller.httpAddress() + ")");
    context.out().flush();
    awaitShutdown(controller);
    return ExitCodes.OK;
  }

  private SchedulerRuntimeFactory runtimes(
      String mesos, ZkSettings settings, Optional<Secret> mesosSecret, Duration uninstallTimeout) {
    String p = principal == null ? "" : principal;
    FrameworkConfig framework = FrameworkConfig.named(frameworkName)
        .withRoles(List.of(role != null ? role : frameworkName))
        .withPrincipal(principal, mesosSecret.map(Secret::reveal).orElse(null));
    if (user != null) {
      framework = framework.withUser(user);
    }
    SchedulerSettings scheduler = SchedulerSettings.defaults(p)
        .withPerService(ServiceSchedulerSettings.defaults(p).withUninstallTimeout(uninstallTimeout));
    return SchedulerRuntimeFactory.mesos(mesos, framework, scheduler, settings.root());
  }

  private static int uninstall(CliContext context, ControllerConfig config, SchedulerRuntimeFactory runtimes) throws Exception {
    context.out().println("tearing the framework down; the documents under " + config.zk().paths().services()
        + " stay (Ctrl-C stops; run again to resume)");
    context.out().flush();
    try (FrameworkUninstall u = FrameworkUninstall.start(config, runtimes)) {
      u.await(Duration.ofDays(36_500));
    }
    context.out().println("framework torn down: no service, task, reservation or scheduler state is left");
    return ExitCodes.OK;
  }

  /** Blocks until the JVM is asked to stop; the shutdown hook stops the replica gracefully. */
  private static void awaitShutdown(AutoCloseable running) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(ControllerCommand.class).warn("stopping failed", e);
      } finally {
        stopped.countDown();
      }
    }, "drover-shutdown"));
    stopped.await();
  }

  static String localHostName() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
