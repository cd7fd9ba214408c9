package io.drover.cli;

import io.drover.controller.store.SecretStore;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drover secret create|list|delete}: the named secrets tasks reference in their
 * {@code secrets}. Values go into ZooKeeper and are never printed back.
 */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    description = "Manage the named secrets that tasks use as environment variables ('secrets' in a task).",
    subcommands = {SecretCommand.Create.class, SecretCommand.ListSecrets.class, SecretCommand.Delete.class})
final class SecretCommand implements Callable<Integer> {

  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: secret create, secret list or secret delete");
  }

  CliContext context() {
    return main.context();
  }

  /** Runs {@code action} on the secrets of the store the options name. */
  static <T> T withStore(ZkOptions zk, CliContext context, StoreAction<T> action) throws StoreException {
    ZkSettings settings = zk.settings(context.env());
    try (CuratorFramework client = ZkClients.connect(settings)) {
      return action.run(SecretStore.create(client, settings.paths()));
    }
  }

  /** Something done with the secret store. */
  interface StoreAction<T> {
    T run(SecretStore store) throws StoreException;
  }

  /** {@code drover secret create NAME --from-file F | --from-literal V [--replace]}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Store a secret under ROOT/secrets (readable only by the user and controller identities "
            + "after drover zk init). Its value is never printed back.",
        "With --replace, give an existing secret a new value: the pods of every service that "
            + "uses it are rolled."
      },
      exitCodeListHeading = ExitCodes.HEADING,
      exitCodeList = {
        ExitCodes.OK_LINE,
        ExitCodes.USAGE_LINE,
        "3:ZooKeeper unreachable or refused the write, the secret exists (without --replace), "
            + "or the value is over 64 KiB"
      })
  static final class Create implements Callable<Integer> {
    @ParentCommand
    private SecretCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ZkOptions zk;

    @Parameters(paramLabel = "NAME", description = "The secret's name: lower case letters, digits and '-'.")
    private String name;

    @ArgGroup(multiplicity = "1")
    private Source source;

    @Option(names = "--replace", description = "Replace the value of an existing secret.")
    private boolean replace;

    /** Where the value comes from: exactly one of the two. */
    static final class Source {
      @Option(names = "--from-file", paramLabel = "FILE", required = true,
          description = "Read the value from FILE, byte for byte.")
      Path file;

      @Option(names = "--from-literal", paramLabel = "VALUE", required = true,
          description = "The value itself (visible in the process list while the command runs; prefer --from-file).")
      String literal;
    }

    @Override
    public Integer call() throws StoreException, IOException {
      if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > 63) {
        throw new ParameterException(spec.commandLine(), "invalid secret name '" + name + "': use at most 63 lower"
            + " case letters, digits and '-', starting and ending with a letter or digit (e.g. 'db-password')");
      }
      byte[] value = source.file != null ? read(source.file) : source.literal.getBytes(StandardCharsets.UTF_8);
      boolean created = withStore(zk, parent.context(), store -> store.put(name, value, replace));
      parent.context().out().println("secret/" + name + (created ? " created" : " replaced"));
      return ExitCodes.OK;
    }

    private byte[] read(Path file) throws IOException {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "cannot read --from-file " + file + ": " + e.getMessage());
      }
    }
  }

  /** {@code drover secret list}: names, versions, sizes and ages; never values. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the secrets (never their values).")
  static final class ListSecrets implements Callable<Integer> {
    @ParentCommand
    private SecretCommand parent;

    @Mixin
    private ZkOptions zk;

    @Override
    public Integer call() throws StoreException {
      CliContext context = parent.context();
      List<SecretStore.Info> secrets = withStore(zk, context, SecretStore::list);
      if (secrets.isEmpty()) {
        context.err().println("No secrets found.");
        return ExitCodes.OK;
      }
      Table table = new Table("NAME", "BYTES", "VERSION", "AGE");
      secrets.forEach(s -> table.row(s.name(), Integer.toString(s.bytes()), s.version(),
          Ages.of(s.modified(), context.clock().instant())));
      table.print(context.out(), "");
      return ExitCodes.OK;
    }
  }

  /** {@code drover secret delete NAME...}. */
  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete secrets. A service whose tasks use one waits (status: WaitingForSecrets) at its next "
          + "change until it exists again; running tasks keep their value.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand
    private SecretCommand parent;

    @Mixin
    private ZkOptions zk;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "The secrets to delete.")
    private List<String> names;

    @Override
    public Integer call() throws StoreException {
      CliContext context = parent.context();
      int status = withStore(zk, context, store -> {
        int outcome = ExitCodes.OK;
        for (String name : names) {
          try {
            store.delete(name);
            context.out().println("secret/" + name + " deleted");
          } catch (StoreException e) {
            if (e.code() != StoreException.Code.NOT_FOUND) {
              throw e;
            }
            context.err().println("error: secret/" + name + " not found");
            outcome = ExitCodes.NEGATIVE;
          }
        }
        return outcome;
      });
      return status;
    }
  }
}
