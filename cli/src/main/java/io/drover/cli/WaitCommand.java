package io.drover.cli;

import io.drover.controller.store.Durations;
import io.drover.controller.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code drover wait service NAME --for condition=Ready|Deleted}: blocks until a state is reached. */
@Command(
    name = "wait",
    description = {
      "Wait until a service meets a condition: condition=Ready (or Accepted, Progressing, "
          + "Degraded) means that condition is True in a status about the newest generation; "
          + "condition=Deleted means the document is gone and the controller finished the "
          + "uninstall (its status is gone).",
      "Shows progress on standard error when attached to a terminal."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + " (the condition is met)",
      "1:timed out, or the service does not exist (when not waiting for Deleted)",
      ExitCodes.USAGE_LINE,
      ExitCodes.OPERATIONAL_LINE
    })
final class WaitCommand extends StoreVerb {

  @Parameters(paramLabel = "RESOURCE", arity = "1..*",
      description = "service NAME..., or service/NAME...")
  private List<String> resources;

  @Option(names = "--for", required = true, paramLabel = "condition=TYPE",
      description = "condition=Ready, condition=Deleted, or another condition type.")
  private String forCondition;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE}), e.g. 90s, 5m.")
  private Duration timeout;

  @Override
  public Integer call() throws StoreException, InterruptedException {
    List<String> names = ResourceArgs.names(commandLine(), resources);
    if (names.isEmpty()) {
      throw new ParameterException(commandLine(), "name the services to wait for: "
          + "'service NAME...' or 'service/NAME...'");
    }
    WaitCondition condition;
    try {
      condition = WaitCondition.parse(forCondition);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine(), e.getMessage());
    }
    Instant deadline = context().clock().instant().plus(timeout);
    try (StoreSession session = openStore()) {
      ServiceWaiter waiter = waiter(session);
      for (String name : names) {
        ServiceWaiter.Outcome outcome = waiter.await(name, condition, deadline);
        if (outcome.missing()) {
          reportNotFound(name);
          return ExitCodes.NEGATIVE;
        }
        if (!outcome.met()) {
          context().err().println("error: timed out after " + Durations.format(timeout)
              + " waiting for service/" + name + " to be " + condition.name() + ": "
              + outcome.last().summary());
          return ExitCodes.NEGATIVE;
        }
        context().out().println("service/" + name + " condition met: " + condition.name());
      }
    }
    return ExitCodes.OK;
  }
}
