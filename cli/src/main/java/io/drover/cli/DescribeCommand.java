package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code drover describe services | service NAME...}: readable summaries of services. */
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
    ServiceViews.Found found = findServices(names);
    ServiceDescription description =
        new ServiceDescription(context().out(), context().clock().instant());
    for (int i = 0; i < found.views().size(); i++) {
      if (i > 0) {
        context().out().println();
      }
      description.print(found.views().get(i));
    }
    return found.missing().isEmpty() ? ExitCodes.OK : ExitCodes.NEGATIVE;
  }
}
