package io.drover.local;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables {@link BrowserTest} classes when chromium and chromedriver are installed; otherwise
 * disables them and prints one line saying so (the {@code browser} execution shows test output on
 * the console).
 */
final class BrowserCondition implements ExecutionCondition {
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Browser.missing()
        .map(what -> {
          String reason = "browser tests skipped: " + what + " (apt-get install chromium chromium-driver; .ci/run does)";
          if (TOLD.compareAndSet(false, true)) {
            System.out.println("[browser] " + reason);
          }
          return ConditionEvaluationResult.disabled(reason);
        })
        .orElseGet(() -> ConditionEvaluationResult.enabled("chromium and chromedriver found"));
  }
}
