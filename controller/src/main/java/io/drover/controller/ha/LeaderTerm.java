package io.drover.controller.ha;

import java.time.Instant;

/**
 * One uninterrupted period of leadership: the election node that won and the ZooKeeper session
 * that owns it. Writes are fenced on it: they go through only while this very node still exists,
 * which ZooKeeper guarantees only as long as that session lives.
 *
 * @param nodePath the election node that is lowest in sequence
 * @param nodeVersion its data version when leadership was taken
 * @param sessionId the session that created it (the node's ephemeral owner)
 * @param since when this replica learned it leads
 */
public record LeaderTerm(String nodePath, int nodeVersion, long sessionId, Instant since) {}
