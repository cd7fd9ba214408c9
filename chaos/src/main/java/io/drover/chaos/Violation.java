package io.drover.chaos;

import java.time.Instant;

/**
 * An invariant seen broken, with what was seen.
 *
 * @param at when the monitor saw it
 * @param invariant which one, e.g. {@code one-task-per-instance}
 * @param fault the number of the fault being played then (0 before the first)
 * @param evidence what was seen, with ids
 */
record Violation(Instant at, String invariant, int fault, String evidence) {}
