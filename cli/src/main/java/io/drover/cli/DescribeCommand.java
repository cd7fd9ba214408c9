package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code drover describe service NAME}: a readable summary of one service. */
@Command(
    name = "describe",
    description = "Show a readable summary of services: spec, conditions, plan progress, tasks "
        + "and recent errors.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:a named service does not exist",
      ExitCodes.USAGE_LINE,
      ExitCodes.OPERATIONAL_LINE
    })
final class DescribeCommand extends StoreVerb {

  @Parameters(paramLabel = "RESOURCE", arity = "1..*",
      description = "service NAME..., or service/NAME...")
  private List<String> resources;

  @Override
  public Integer call() throws StoreException {
    List<String> names = ResourceArgs.names(commandLine(), resources);
    int status = ExitCodes.OK;
    try (StoreSession session = openStore()) {
      List<ServiceView> views = names.isEmpty() ? ServiceViews.all(session) : List.of();
      ServiceDescription description =
          new ServiceDescription(context().out(), context().clock().instant());
      boolean first = true;
      for (ServiceView view : views) {
        first = separate(first);
        description.print(view);
      }
      for (String name : names) {
        Optional<ServiceView> view = ServiceViews.one(session, name);
        if (view.isEmpty()) {
          context().err().println("error: service/" + name + " not found");
          status = ExitCodes.NEGATIVE;
          continue;
        }
        first = separate(first);
        description.print(view.get());
      }
    }
    return status;
  }

  private boolean separate(boolean first) {
    if (!first) {
      context().out().println();
    }
    return false;
  }
}
