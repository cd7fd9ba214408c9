package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.Durations;
import io.drover.controller.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code drover delete service NAME...}: removes desired documents, so services get uninstalled. */
@Command(
    name = "delete",
    description = {
      "Delete services' desired documents; the controller then uninstalls them. Each delete "
          + "is a compare-and-set on the generation just read.",
      "With --wait, return once the controller has finished every uninstall (the status node "
          + "is gone)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:a service does not exist, or --wait timed out",
      ExitCodes.USAGE_LINE,
      ExitCodes.OPERATIONAL_LINE
    })
final class DeleteCommand extends StoreVerb {

  @Parameters(paramLabel = "RESOURCE", arity = "1..*",
      description = "service NAME..., or service/NAME...")
  private List<String> resources;

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
    List<String> names = ResourceArgs.names(commandLine(), resources);
    if (names.isEmpty()) {
      throw new ParameterException(commandLine(), "name the services to delete");
    }
    int status = ExitCodes.OK;
    List<String> deleted = new ArrayList<>();
    try (StoreSession session = openStore()) {
      for (String name : names) {
        Optional<DesiredDocument> doc = session.desired().read(name);
        if (doc.isEmpty()) {
          if (!ignoreNotFound) {
            context().err().println("error: service/" + name + " not found");
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

  private boolean awaitUninstalled(StoreSession session, List<String> names)
      throws StoreException, InterruptedException {
    Instant deadline = context().clock().instant().plus(timeout);
    ServiceWaiter waiter = new ServiceWaiter(session, context().clock(),
        context().interactive() ? context().err() : null);
    for (String name : names) {
      ServiceWaiter.Outcome outcome = waiter.await(name, new WaitCondition.Deleted(), deadline);
      if (!outcome.met()) {
        context().err().println("error: timed out after " + Durations.format(timeout)
            + " waiting for the uninstall of service/" + name + ": "
            + ServiceWaiter.state(outcome.last()));
        return false;
      }
      context().out().println("service/" + name + " uninstalled");
    }
    return true;
  }
}
