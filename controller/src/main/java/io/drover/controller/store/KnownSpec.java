package io.drover.controller.store;

import io.drover.reconcile.state.Target;
import java.util.Objects;

/**
 * A target a service's stored spec may be, with the canonical JSON of its document as loading the
 * document computed it: the recovery compares a stored spec node with the node this would write
 * without serializing the document again.
 *
 * @param target the target, e.g. from the service's valid desired document
 * @param canonicalJson {@code Services.canonicalJson} of the target's resource
 */
public record KnownSpec(Target target, String canonicalJson) {

  public KnownSpec {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(canonicalJson, "canonicalJson");
  }
}
