package io.drover.mesoslocal;

import io.drover.mesoslocal.real.MesosHome;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables {@link RealMesosTest} classes when a Mesos installation is configured; otherwise disables
 * them and prints one line saying so (the {@code real-mesos} execution shows test output on the
 * console).
 */
final class RealMesosCondition implements ExecutionCondition {

  private static final AtomicBoolean TOLD = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (MesosHome.find().isPresent()) {
      return ConditionEvaluationResult.enabled(MesosHome.ENV + "=" + MesosHome.find().get());
    }
    String reason = "real-Mesos tests skipped: set " + MesosHome.ENV + " (or -D" + MesosHome.PROPERTY
        + ") to a Mesos 1.11 installation to run them (README, Tests)";
    if (TOLD.compareAndSet(false, true)) {
      System.out.println("[real-mesos] " + reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }
}
