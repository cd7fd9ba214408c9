package io.drover.reconcile.service;

import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The immutable results of {@link ServiceScheduler}'s decisions. */
public final class Decisions {

  private Decisions() {}

  /** A put: the new record, or why the update is refused (the old target keeps running). */
  public sealed interface Put permits Accepted, Rejected {}

  /** The target was accepted; persist {@code record}. */
  public record Accepted(ServiceRecord record) implements Put {}

  /** The update was refused, with one reason per problem. */
  public record Rejected(List<String> reasons) implements Put {
    public Rejected {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * An offer round for one service: its new record (launched tasks, released reservations), the
   * pools with its operations appended, and why the instances that did not launch could not.
   * Persist the record before sending the operations.
   */
  public record Offers(ServiceRecord record, List<OfferPool> pools, RoundWaits waits) {
    public Offers {
      pools = List.copyOf(pools);
    }
  }

  /** A status update: {@code known} is false when no task record has that task id. */
  public record Status(ServiceRecord record, Pacing pacing, boolean known) {
    public static Status unknown(ServiceRecord record, Pacing pacing) {
      return new Status(record, pacing, false);
    }
  }

  /** A teardown that finished: {@code forced} when it gave up after the timeout. */
  public record Uninstalled(boolean forced, String message) {}

  /**
   * What to do now: kills to send, whether the service wants offers, when to look again, whether a
   * teardown has finished, and what notable happened (instances replaced because their agent is lost).
   *
   * @param wakeAt when a backoff ends, a kill should be re-sent, an unreachable agent is given up or
   *     a teardown times out; null if never
   * @param notices sentences for the service's message and the log, one per event; usually none
   */
  public record Advance(
      ServiceRecord record,
      Pacing pacing,
      List<Kill> kills,
      boolean wantsOffers,
      Instant wakeAt,
      Optional<Uninstalled> uninstalled,
      List<String> notices) {
    /** Keeps a service's message readable: at most this many characters, the newest kept. */
    static final int MESSAGE_LIMIT = 2000;

    public Advance {
      kills = List.copyOf(kills);
      notices = List.copyOf(notices);
    }

    /**
     * The service's message once this decision's notices are added to {@code previous} (kept
     * before them, since each says something still true), cut to the newest {@value
     * #MESSAGE_LIMIT} characters.
     */
    public String message(String previous) {
      if (notices.isEmpty()) {
        return previous;
      }
      String all = (previous == null ? "" : previous + "; ") + String.join("; ", notices);
      return all.length() <= MESSAGE_LIMIT ? all : "..." + all.substring(all.length() - MESSAGE_LIMIT + 3);
    }
  }

  /** An operator command: the new record and pacing, and kills to send at once. */
  public record Command(ServiceRecord record, Pacing pacing, List<Kill> kills) {
    public Command {
      kills = List.copyOf(kills);
    }
  }
}
