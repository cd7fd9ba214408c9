package io.drover.controller.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceStatus;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps a status node within what one ZooKeeper request carries: a service with thousands of pod
 * instances has thousands of task rows and plan steps. When the JSON is larger than the budget,
 * the task rows and each phase's steps are cut to the first {@code k} and the events to the newest
 * {@code k} (halving {@code k} until the status fits), then the error list likewise, and {@link ServiceStatus#truncated} says what was
 * left out. Phase, conditions and the plans' own statuses are always kept whole.
 */
final class StatusBudget {
  /** Half of ZooKeeper's default request limit, well above any ordinary status. */
  static final int MAX_BYTES = 512 * 1024;

  private StatusBudget() {}

  /** {@code whole}, the JSON of {@code status}, when it fits; else the JSON of a cut status that does. */
  static byte[] fit(ServiceStatus status, byte[] whole, ObjectMapper json) throws JsonProcessingException {
    if (whole.length <= MAX_BYTES) {
      return whole;
    }
    int rows = Math.max(size(status.tasks()), maxSteps(status));
    for (int keep = rows / 2; ; keep /= 2) {
      int errors = keep == 0 ? Math.min(size(status.errors()), 100) : size(status.errors());
      ServiceStatus cut = cut(status, keep, errors);
      byte[] bytes = json.writeValueAsBytes(cut);
      if (bytes.length <= MAX_BYTES || keep == 0) {
        return bytes;
      }
    }
  }

  private static ServiceStatus cut(ServiceStatus s, int keep, int errors) {
    List<PlanStatus> plans = s.plans() == null ? null : s.plans().stream()
        .map(p -> new PlanStatus(p.name(), p.status(), p.paused(), p.phases() == null ? null : p.phases().stream()
            .map(ph -> new PlanStatus.PhaseStatus(ph.name(), ph.status(), first(ph.steps(), keep)))
            .toList()))
        .toList();
    int leftTasks = size(s.tasks()) - Math.min(size(s.tasks()), keep);
    int leftSteps = allSteps(s) - allSteps(new ServiceStatus(0, null, null, null, plans, null, null, null));
    int leftErrors = size(s.errors()) - errors;
    String note = leftTasks + " task row(s), " + leftSteps + " plan step(s) and " + leftErrors
        + " error(s) left out to keep the status under " + MAX_BYTES / 1024 + " KiB";
    return new ServiceStatus(s.observedGeneration(), s.specHash(), s.phase(), s.conditions(), plans,
        first(s.tasks(), keep), first(s.errors(), errors), note, last(s.events(), keep), s.checked());
  }

  private static <T> List<T> first(List<T> list, int n) {
    return list == null ? null : list.subList(0, Math.min(list.size(), n));
  }

  private static <T> List<T> last(List<T> list, int n) {
    return list == null ? null : list.subList(Math.max(0, list.size() - n), list.size());
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static int maxSteps(ServiceStatus s) {
    return s.plans() == null ? 0 : s.plans().stream()
        .flatMap(p -> p.phases() == null ? Stream.empty() : p.phases().stream())
        .mapToInt(ph -> size(ph.steps())).max().orElse(0);
  }

  private static int allSteps(ServiceStatus s) {
    return s.plans() == null ? 0 : s.plans().stream()
        .flatMap(p -> p.phases() == null ? Stream.empty() : p.phases().stream())
        .mapToInt(ph -> size(ph.steps())).sum();
  }
}
