package io.drover.mesoslocal;

import java.util.List;

/**
 * A framework the master removed (TEARDOWN or failover timeout), kept for {@code /state}'s
 * {@code completed_frameworks}: its record (no live tasks left) and the tasks it still had, which
 * the real master completes, those not yet terminal as TASK_KILLED at {@code removedAt}.
 *
 * @param framework its record, with its earlier completed tasks
 * @param ended the tasks it had when it was removed
 * @param removedAt when, in seconds since the epoch
 */
record CompletedFramework(FrameworkRecord framework, List<TaskRecord> ended, double removedAt) {}
