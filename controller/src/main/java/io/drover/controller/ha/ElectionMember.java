package io.drover.controller.ha;

/**
 * One replica taking part in the election, as its node under the election path says.
 *
 * @param leader true for the replica whose node leads (the lowest in sequence)
 */
public record ElectionMember(ReplicaInfo replica, boolean leader) {}
