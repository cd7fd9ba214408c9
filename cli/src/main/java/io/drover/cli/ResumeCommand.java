package io.drover.cli;

import picocli.CommandLine.Command;

/** {@code drover resume plan SERVICE [PLAN]}: the scheduler's plan resume. */
@Command(
    name = "resume",
    description = {
      "Resume a paused plan of a service.",
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
final class ResumeCommand extends PlanActionVerb {

  @Override
  boolean pausing() {
    return false;
  }
}
