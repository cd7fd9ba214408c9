package io.drover.chaos;

import java.time.Instant;

/**
 * One fault as played, for the fault log.
 *
 * @param number its position in the run
 * @param type what it was
 * @param target what it hit (replica, ZooKeeper servers, agent, task)
 * @param injected when it began
 * @param repaired when it was undone (the same as {@code injected} for one-shot faults)
 * @param convergenceMillis from {@code repaired} to the first of two looks in a row at the goal; -1
 *     when the installation did not converge within the bound
 * @param edit the user edit made while it recovered, or null
 * @param note anything else worth knowing (e.g. fenced writes of a deposed leader)
 */
record FaultRecord(int number, FaultType type, String target, Instant injected, Instant repaired,
    long convergenceMillis, String edit, String note) {}
