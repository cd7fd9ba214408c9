package io.drover.bench;

import io.drover.local.Deadline;
import io.drover.local.EmbeddedZooKeeper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;

/**
 * {@code zk-baseline}: the raw ZooKeeper write → watch notification round trip on this machine
 * ({@link WatchRoundTrip}), the floor the controller's latencies are compared with in the same run.
 */
final class ZkBaselineScenario implements Scenario {
  static final String NAME = "zk-baseline";
  static final int PAYLOAD_BYTES = 512;

  private final int warmup;
  private final int samples;
  private final Duration timeLimit;

  ZkBaselineScenario(int warmup, int samples, Duration timeLimit) {
    this.warmup = warmup;
    this.samples = samples;
    this.timeLimit = timeLimit;
  }

  static ZkBaselineScenario sized(boolean quick) {
    return quick
        ? new ZkBaselineScenario(200, 500, Duration.ofSeconds(15))
        : new ZkBaselineScenario(1_000, 5_000, Duration.ofSeconds(120));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "raw ZooKeeper setData -> watch notification round trip (p50_ms, p99_ms)";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("warmup_samples", warmup);
    c.put("samples", samples);
    c.put("time_limit_s", timeLimit.toSeconds());
    c.put("payload_bytes", PAYLOAD_BYTES);
    c.put("watch", "persistent recursive on the parent, second client");
    c.put("zookeeper", BenchCluster.ZOOKEEPER);
    return c;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(run.workDir().resolve(NAME), 0);
        CuratorFramework writer = BenchClients.connect(zk.connectString());
        CuratorFramework watcher = BenchClients.connect(zk.connectString())) {
      run.progress(NAME, warmup + " warm-up and " + samples + " measured round trips");
      long[] nanos =
          WatchRoundTrip.open(writer, watcher, PAYLOAD_BYTES)
              .measure(warmup, samples, Deadline.in(timeLimit));
      if (nanos.length == 0) {
        throw new IllegalStateException("no sample measured within " + timeLimit.toSeconds()
            + " s: the warm-up alone took longer; is the machine overloaded?");
      }
      Percentiles p = Percentiles.of(nanos);
      Measurement m =
          Measurement.of("setData -> watch")
              .percentiles("", p)
              .millis("max_ms", p.maxNanos())
              .millis("mean_ms", p.meanNanos())
              .value("samples", p.count())
              .build();
      return ScenarioResult.of(NAME, List.of(m), configuration(), List.of());
    }
  }
}
