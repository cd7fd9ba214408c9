package io.drover.cli;

import picocli.CommandLine.Command;

/** {@code drover restart pod SERVICE POD-INDEX}: the scheduler's {@code pod restart}. */
@Command(
    name = "restart",
    description = {
      "Kill the tasks of a pod instance; the scheduler relaunches them in place, on the same "
          + "reservations, without backoff.",
      "Sent to the leading controller's HTTP API (found in ZooKeeper, or --controller). With "
          + "--wait, return once the pod's tasks that were running run again under new task "
          + "ids (and are ready, with a readiness check)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + " (accepted; with --wait, the pod relaunched)",
      OperatorVerb.NEGATIVE_LINE,
      ExitCodes.USAGE_LINE,
      OperatorVerb.OPERATIONAL_LINE
    })
final class RestartCommand extends PodActionVerb {

  @Override
  String action() {
    return "restart";
  }

  @Override
  boolean relaunchesEndedTasks() {
    return false;
  }
}
