package io.drover.reconcile.controller;

import io.drover.reconcile.state.Target;
import java.util.List;
import java.util.Objects;

/**
 * What the reconcile loop does about one service. Immutable values built by the static factories;
 * impossible combinations fail at construction.
 */
public sealed interface Decision {

  /** Hand the target (document, spec hash, generation) to the scheduler: a new service or a configuration update. */
  record Put(Target target) implements Decision {
    public Put {
      Objects.requireNonNull(target, "target");
      if (target.generation() < 0) {
        throw new IllegalArgumentException("generation must not be negative: " + target.generation());
      }
    }
  }

  /** Start tearing the service down. */
  record Uninstall() implements Decision {}

  /** The document is invalid: report it; whatever runs keeps its last good spec. */
  record MarkInvalid(List<String> errors) implements Decision {
    public MarkInvalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid document has at least one error");
      }
    }
  }

  /** No action; {@code reason} says why, for logs. */
  record Nothing(String reason) implements Decision {
    public Nothing {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static Decision put(Target target) {
    return new Put(target);
  }

  static Decision uninstall() {
    return new Uninstall();
  }

  static Decision markInvalid(List<String> errors) {
    return new MarkInvalid(errors);
  }

  static Decision nothing(String reason) {
    return new Nothing(reason);
  }
}
