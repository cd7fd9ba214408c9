package io.drover.controller.http;

import io.drover.controller.ha.ReplicaInfo;
import java.time.Instant;

/**
 * Who leads, as this replica knows it.
 *
 * @param leader the current leader, or null when there is none (an election is under way)
 * @param leading true when this replica leads and is not suspended
 * @param since when this replica's leadership began, or null when it does not lead
 * @param firstReconcile when this leader finished its first reconcile, or null
 */
public record LeaderView(ReplicaInfo self, ReplicaInfo leader, boolean leading, Instant since, Instant firstReconcile) {}
