package io.drover.api;

import io.drover.api.model.ServiceResource;
import java.math.BigDecimal;
import java.util.List;

/** Mesos accounts CPU in thousandths: a positive share below 0.001 would round to nothing. */
final class CpuRule implements SemanticRule {
  static final double MIN_CPUS = 0.001;

  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.tasks(
        written,
        (pod, task, spec, at) -> {
          Double cpus = spec.cpus();
          if (cpus != null && cpus > 0 && cpus < MIN_CPUS) {
            out.add(
                Problem.invalid(
                    at.child("cpus").toString(),
                    BigDecimal.valueOf(cpus).stripTrailingZeros().toPlainString(),
                    "must be at least 0.001 (Mesos counts CPU shares in thousandths)"));
          }
        });
  }
}
