package io.drover.cli;

import picocli.CommandLine.Command;

/** {@code drover pause plan SERVICE [PLAN]}: the scheduler's plan pause. */
@Command(
    name = "pause",
    description = {
      "Pause a plan of a service: no new step of it starts (steps under way finish). Pausing "
          + "update before a configuration change holds the change back until resume.",
      "Sent to the leading controller's HTTP API (found in ZooKeeper, or --controller). With "
          + "--wait, return once the service's status shows it."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + " (accepted; with --wait, the status shows it)",
      OperatorVerb.NEGATIVE_LINE,
      ExitCodes.USAGE_LINE,
      OperatorVerb.OPERATIONAL_LINE
    })
final class PauseCommand extends PlanActionVerb {

  @Override
  boolean pausing() {
    return true;
  }
}
