package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.Durations;
import io.drover.controller.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code drover delete service NAME...} or {@code delete -f PATH...}: removes desired documents, so
 * services get uninstalled.
 */
@Command(
    name = "delete",
    description = {
      "Delete services' desired documents; the controller then uninstalls them. Each delete "
          + "is a compare-and-set on the generation just read. With -f, delete every service "
          + "the files name.",
      "With --wait, return once the controller has finished every uninstall (the status node "
          + "is gone)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:a service does not exist, a document names no service, or --wait timed out",
      ExitCodes.USAGE_LINE,
      ExitCodes.OPERATIONAL_LINE
    })
final class DeleteCommand extends StoreVerb {

  @Parameters(paramLabel = "RESOURCE", arity = "0..*",
      description = "service NAME..., or service/NAME...")
  private List<String> resources;

  @Option(names = {"-f", "--filename"}, arity = "1..*", paramLabel = "PATH",
      description = "Delete the services these documents name: files, directories (their .yaml, "
          + ".yml and .json files) or - for standard input.")
  private List<String> files;

  @Option(names = {"-R", "--recursive"}, description = "With -f, also read the subdirectories of "
      + "directories.")
  private boolean recursive;

  @Option(names = "--wait", description = "Wait until the controller has finished the uninstall.")
  private boolean await;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--ignore-not-found", description = "A service that does not exist is not an "
      + "error.")
  private boolean ignoreNotFound;

  @Override
  public Integer call() throws StoreException, InterruptedException {
    List<String> names = files == null ? namesGiven() : namesInFiles();
    if (names == null) {
      return ExitCodes.NEGATIVE;
    }
    int status = ExitCodes.OK;
    List<String> deleted = new ArrayList<>();
    try (StoreSession session = openStore()) {
      for (String name : names) {
        Optional<DesiredDocument> doc = session.desired().read(name);
        if (doc.isEmpty()) {
          if (!ignoreNotFound) {
            reportNotFound(name);
            status = ExitCodes.NEGATIVE;
          }
          continue;
        }
        session.desired().delete(name, doc.get().generation());
        context().out().println("service/" + name + " deleted");
        deleted.add(name);
      }
      if (await && !awaitUninstalled(session, deleted)) {
        status = ExitCodes.NEGATIVE;
      }
    }
    return status;
  }

  private List<String> namesGiven() {
    List<String> names = resources == null || resources.isEmpty() ? List.of()
        : ResourceArgs.names(commandLine(), resources);
    if (names.isEmpty()) {
      throw new ParameterException(commandLine(), "name the services to delete: "
          + "'service NAME...', 'service/NAME...' or -f PATH");
    }
    return names;
  }

  /** The services the documents name, in order; null (reported) when one names none. */
  private List<String> namesInFiles() {
    if (resources != null && !resources.isEmpty()) {
      throw new ParameterException(commandLine(), "give either services or -f PATH, not both");
    }
    Set<String> names = new LinkedHashSet<>();
    boolean unnamed = false;
    for (SourceDocument doc : new DocumentSources(context()).read(files, recursive)) {
      if (doc.name() == null) {
        doc.problemLines().forEach(context().err()::println);
        unnamed = true;
      } else {
        names.add(doc.name());
      }
    }
    if (unnamed) {
      context().err().println("error: a document names no service: nothing was deleted");
      return null;
    }
    return List.copyOf(names);
  }

  private boolean awaitUninstalled(StoreSession session, List<String> names)
      throws StoreException, InterruptedException {
    Instant deadline = context().clock().instant().plus(timeout);
    ServiceWaiter waiter = waiter(session);
    for (String name : names) {
      ServiceWaiter.Outcome outcome = waiter.await(name, new WaitCondition.Deleted(), deadline);
      if (!outcome.met()) {
        context().err().println("error: timed out after " + Durations.format(timeout)
            + " waiting for the uninstall of service/" + name + ": "
            + outcome.last().summary());
        return false;
      }
      context().out().println("service/" + name + " uninstalled");
    }
    return true;
  }
}
