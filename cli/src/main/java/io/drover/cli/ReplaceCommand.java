package io.drover.cli;

import picocli.CommandLine.Command;

/** {@code drover replace pod SERVICE POD-INDEX}: the scheduler's {@code pod replace}. */
@Command(
    name = "replace",
    description = {
      "Move a pod instance to new reservations, for example off a failing agent: its tasks "
          + "are killed and relaunched wherever the placement allows (on a new, empty volume), "
          + "and the old reservations are released.",
      "Sent to the leading controller's HTTP API (found in ZooKeeper, or --controller). With "
          + "--wait, return once every task of the pod runs again under a new task id (and is "
          + "ready, with a readiness check)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + " (accepted; with --wait, the pod relaunched)",
      OperatorVerb.NEGATIVE_LINE,
      ExitCodes.USAGE_LINE,
      OperatorVerb.OPERATIONAL_LINE
    })
final class ReplaceCommand extends PodActionVerb {

  @Override
  String action() {
    return "replace";
  }

  @Override
  boolean relaunchesEndedTasks() {
    return true;
  }
}
