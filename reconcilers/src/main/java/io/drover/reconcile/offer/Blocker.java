package io.drover.reconcile.offer;

/**
 * What keeps a pod instance from launching on an agent, or anywhere: each has a short code for the
 * API (a step's {@code reason}) and the words people read.
 */
public enum Blocker {
  /** Not enough unreserved cpus. */
  CPUS("cpus", "short of cpus"),
  /** Not enough unreserved memory. */
  MEMORY("memory", "short of memory"),
  /** Not enough unreserved root disk. */
  DISK("disk", "short of disk"),
  /** A fixed port is not offered, or too few ports are. */
  PORTS("ports", "short of ports"),
  /** Not enough disk for a new persistent volume. */
  VOLUME("volume", "short of disk for the volume"),
  /** A reservation (or the persistent volume) the instance holds there is not offered. */
  RESERVATION("reservation", "not offering its reservations"),
  /** The pod's {@code maxPerHost} is reached on the agent's host. */
  MAX_PER_HOST("maxPerHost", "at maxPerHost"),
  /** A placement rule excludes the agent. */
  PLACEMENT("placement", "excluded by a placement rule"),
  /** The agent that holds the instance's reservations has not offered them. */
  AGENT("agent", "its agent has not offered"),
  /** No agent offered anything since the instance began waiting. */
  NO_OFFER("noOffer", "no offer"),
  /** No agent has offered anything to this scheduler at all. */
  NO_AGENT("noAgent", "no agent");

  private final String code;
  private final String words;

  Blocker(String code, String words) {
    this.code = code;
    this.words = words;
  }

  /** The code shown in a step's {@code reason}, e.g. {@code cpus} or {@code maxPerHost}. */
  public String code() {
    return code;
  }

  /** How an agent held back by this is counted in a summary, e.g. {@code short of cpus}. */
  public String words() {
    return words;
  }
}
