package io.drover.mesoslocal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;

/** Everything {@link MesosLocalBuilder} collected; {@code workDir} and {@code zk} may be null. */
record Config(
    int agents,
    String agentResources,
    IntFunction<Map<String, String>> agentAttributes,
    boolean noProcess,
    Duration heartbeatInterval,
    Duration allocationInterval,
    Duration statusUpdateRetryMin,
    Duration statusUpdateRetryMax,
    Path workDir,
    String zk,
    int port,
    Clock clock) {}
