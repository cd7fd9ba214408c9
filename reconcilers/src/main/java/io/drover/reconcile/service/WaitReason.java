package io.drover.reconcile.service;

import io.drover.reconcile.offer.Blocker;
import java.util.Objects;

/**
 * Why a pod instance waits for an offer, for people and for the API.
 *
 * @param blocker what holds it back on most agents
 * @param message a sentence with numbers, e.g. {@code needs cpus 2.0, largest offer has 1.5 (agent-1), 3 agents}
 */
public record WaitReason(Blocker blocker, String message) {
  public WaitReason {
    Objects.requireNonNull(blocker, "blocker");
    Objects.requireNonNull(message, "message");
  }
}
