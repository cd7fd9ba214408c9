package io.drover.cli;

import io.drover.controller.store.AclBootstrap;
import io.drover.controller.store.AclModel;
import io.drover.controller.store.DigestIdentity;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drover zk ...}: administration of Drover's part of ZooKeeper. */
@Command(
    name = "zk",
    mixinStandardHelpOptions = true,
    description = "Administer Drover's nodes in ZooKeeper.",
    subcommands = {ZkCommand.Init.class})
final class ZkCommand implements Callable<Integer> {

  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: zk init");
  }

  CliContext context() {
    return main.context();
  }

  /** {@code drover zk init}: the root and its ACLs for a controller identity and a user identity. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Create Drover's root (services, secrets, status, scheduler, leader) with digest ACLs: the user "
            + "identity may create, change and delete documents under services and secrets; only the "
            + "controller identity may write status, scheduler and leader; both may read; nobody "
            + "else may do anything.",
        "Safe to repeat: existing nodes are kept and every node under them gets the right ACL, so "
            + "a second run repairs nodes written with another ACL (by zkCli, or before ACLs)."
      },
      exitCodeListHeading = ExitCodes.HEADING,
      exitCodeList = {
        ExitCodes.OK_LINE,
        ExitCodes.USAGE_LINE,
        "3:ZooKeeper unreachable, or the ACL in place does not let these identities change a node "
            + "(pass credentials that may with --zk-auth)"
      })
  static final class Init implements Callable<Integer> {
    static final String ENV_CONTROLLER_AUTH = "DROVER_ZK_CONTROLLER_AUTH";
    static final String ENV_USER_AUTH = "DROVER_ZK_USER_AUTH";

    @ParentCommand
    private ZkCommand zk;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ZkOptions connection;

    @Option(names = "--controller-auth", paramLabel = "USER:PASSWORD",
        description = "The controller's digest identity (default: $" + ENV_CONTROLLER_AUTH
            + "); the controller runs with it as --zk-auth.")
    private String controllerAuth;

    @Option(names = "--user-auth", paramLabel = "USER:PASSWORD",
        description = "The identity users and pipelines write documents with (default: $"
            + ENV_USER_AUTH + "); they pass it as --zk-auth or DROVER_ZK_AUTH.")
    private String userAuth;

    @Override
    public Integer call() throws StoreException {
      CliContext context = zk.context();
      DigestIdentity controller = identity("--controller-auth", controllerAuth,
          ENV_CONTROLLER_AUTH, context);
      DigestIdentity user = identity("--user-auth", userAuth, ENV_USER_AUTH, context);
      AclModel model;
      try {
        model = AclModel.of(controller, user);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      ZkSettings settings = connection.settings(context.env());
      AclBootstrap.Result result;
      try (CuratorFramework client =
          ZkClients.connect(settings, List.of(controller.authInfo(), user.authInfo()))) {
        result = new AclBootstrap(client, settings.paths(), model).run();
      }
      report(context.out(), settings.paths(), result, controller, user);
      return ExitCodes.OK;
    }

    private DigestIdentity identity(String option, String value, String env, CliContext context) {
      String given = value != null ? value : context.env().get(env);
      if (given == null || given.isEmpty()) {
        throw new ParameterException(spec.commandLine(),
            "missing " + option + " USER:PASSWORD (or set " + env + ")");
      }
      try {
        return DigestIdentity.parse(option, given);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    private static void report(PrintWriter out, StorePaths paths, AclBootstrap.Result result,
        DigestIdentity controller, DigestIdentity user) {
      result.created().forEach(p -> out.println("created " + p));
      result.fixed().forEach(p -> out.println("ACL fixed " + p));
      out.println("zk init " + paths.root() + ": " + result.created().size() + " created, "
          + result.fixed().size() + " fixed, " + result.unchanged() + " unchanged; user '"
          + user.user() + "' writes " + paths.services() + " and " + paths.secrets() + ", controller '" + controller.user()
          + "' writes " + paths.statuses() + ", " + paths.scheduler() + " and "
          + paths.leader());
    }
  }
}
