package io.drover.cli;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoredNode;
import java.util.List;
import java.util.Locale;

/**
 * What {@code drover wait} waits for: a status condition being True for the newest generation, or
 * the service being gone (document deleted and uninstall finished).
 */
interface WaitCondition {

  /** The condition types a service's status carries, and the pseudo-condition Deleted. */
  List<String> TYPES = List.of(Condition.ACCEPTED, Condition.READY, Condition.PROGRESSING,
      Condition.DEGRADED, "Deleted");

  /** Whether the service, as read now, meets the condition. */
  boolean met(ServiceView view);

  /**
   * Whether the service meets the condition as its undecoded document node and its status show
   * it, without decoding the document: true only when that is certain, such as when the status
   * records a controller's check of exactly this version of the document by this build's validator
   * ({@link StoredNode#vouchedBy}); false says only "decode and ask {@link #met}".
   *
   * @param node the document's node, or null when there is none
   * @param status the status, or null when there is none
   */
  default boolean metUndecoded(StoredNode node, StatusDocument status) {
    return false;
  }

  /** For messages: {@code Ready}, {@code Deleted}. */
  String name();

  /**
   * Parses {@code condition=Ready} (any case; any condition type), {@code condition=Deleted}, or
   * kubectl's {@code delete}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static WaitCondition parse(String text) {
    String prefix = "condition=";
    if ("delete".equalsIgnoreCase(text)) {
      return new Deleted();
    }
    if (text != null && text.toLowerCase(Locale.ROOT).startsWith(prefix)) {
      String wanted = text.substring(prefix.length());
      for (String type : TYPES) {
        if (type.equalsIgnoreCase(wanted)) {
          return type.equals("Deleted") ? new Deleted() : new ConditionTrue(type);
        }
      }
    }
    throw new IllegalArgumentException("invalid --for '" + text + "': expected condition=TYPE "
        + "with TYPE one of " + String.join(", ", TYPES) + ", or delete");
  }

  /** The status condition {@code type} is True and the status is about the newest generation. */
  record ConditionTrue(String name) implements WaitCondition {
    @Override
    public boolean met(ServiceView view) {
      return view.desired() != null && view.desired().valid()
          && trueAbout(view.serviceStatus(), view.desired().generation());
    }

    @Override
    public boolean metUndecoded(StoredNode node, StatusDocument status) {
      // A trusted check says the document is valid, as its decode would.
      return node != null && node.vouchedBy(status) != null
          && trueAbout(status.status(), node.generation());
    }

    /** The condition is True in {@code status}, which is about {@code generation} or newer. */
    private boolean trueAbout(ServiceStatus status, long generation) {
      if (status == null || status.observedGeneration() < generation) {
        return false;
      }
      Condition condition = status.condition(name);
      return condition != null && condition.isTrue();
    }
  }

  /** Neither the document nor the status exists: the controller finished the uninstall. */
  record Deleted() implements WaitCondition {
    @Override
    public boolean met(ServiceView view) {
      return view.desired() == null && view.status() == null;
    }

    @Override
    public String name() {
      return "Deleted";
    }
  }
}
