package io.drover.cli;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code drover pause|resume plan SERVICE [PLAN]}: pauses or resumes a plan of a service on the
 * leading controller; with {@code --wait} it returns once the service's status shows the plan
 * paused (or no longer paused).
 */
abstract class PlanActionVerb extends OperatorVerb {

  private static final List<String> PLANS = List.of("deploy", "update", "recovery");

  @Parameters(index = "0", paramLabel = "plan", description = "The resource type: plan.")
  private String kind;

  @Parameters(index = "1", paramLabel = "SERVICE", description = "The service.")
  private String service;

  @Parameters(index = "2", paramLabel = "PLAN", arity = "0..1",
      description = "deploy, update or recovery (default: the service's rollout plan, deploy "
          + "until its first update, then update).")
  private String plan;

  /** True for {@code pause}, false for {@code resume}. */
  abstract boolean pausing();

  @Override
  public Integer call() throws StoreException, IOException, InterruptedException {
    if (!kind.equals("plan") && !kind.equals("plans")) {
      throw new ParameterException(commandLine(), "unknown resource '" + kind + "': write '"
          + commandLine().getCommandName() + " plan SERVICE [PLAN]'");
    }
    if (!PodActionVerb.NAME.matcher(service).matches()) {
      throw new ParameterException(commandLine(), "invalid service name '" + service + "'");
    }
    if (plan != null && !PLANS.contains(plan)) {
      throw new ParameterException(commandLine(), "unknown plan '" + plan + "': use one of "
          + String.join(", ", PLANS));
    }
    String action = pausing() ? "pause" : "resume";
    try (StoreSession session = openStore()) {
      if (requireService(session, service).isEmpty()) {
        return ExitCodes.NEGATIVE;
      }
      String target = plan != null ? plan : rolloutPlan(session.status().read(service));
      String what = action + " of plan " + target;
      int sent = send(session, service, "v1/services/" + service + "/plans/" + target + "/"
          + action, what);
      if (sent != ExitCodes.OK || !await()) {
        return sent;
      }
      ActionConditions.PlanPaused shown = new ActionConditions.PlanPaused(target, pausing());
      int waited = awaitEffect(session, service, shown,
          "plan " + target + " of service/" + service + " to be " + shown.name());
      if (waited == ExitCodes.OK) {
        PlanStatus now = shown.shown(new ServiceView(service, null,
            session.status().read(service).orElse(null)));
        context().out().println("service/" + service + ": plan " + target + " " + shown.name()
            + (now == null ? "" : " (" + now.status() + ")"));
      }
      return waited;
    }
  }

  /** The plan the status lists first (deploy or update), or deploy before any status. */
  private static String rolloutPlan(Optional<StatusDocument> status) {
    return status.map(StatusDocument::status).map(ServiceStatus::plans).orElse(List.of()).stream()
        .map(PlanStatus::name).filter(n -> n.equals("deploy") || n.equals("update"))
        .findFirst().orElse("deploy");
  }
}
