package io.drover.bench;

import java.time.Instant;

/**
 * A scenario's result with the machine it ran on and when it started.
 *
 * @param result what the scenario reported
 * @param machine the machine, sampled as the scenario started
 * @param startedAt when it started
 */
record ReportEntry(ScenarioResult result, Machine machine, Instant startedAt) {}
