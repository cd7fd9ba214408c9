package io.drover.bench;

import io.drover.local.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;

/**
 * {@code sync-throughput}: {@code drover sync} of a directory of N documents into an empty store
 * (every document is created), then again unchanged (the no-op re-sync, which must write nothing).
 * Writes are counted from ZooKeeper's own node versions ({@link NodeVersions}), not from what the
 * command says it did. A small warm-up sync first loads the classes, so the numbers are steady
 * state rather than JVM start-up.
 */
final class SyncThroughputScenario implements Scenario {
  static final String NAME = "sync-throughput";
  private static final int WARMUP_DOCS = 100;
  private static final int TARGET_DOCS = 10_000;
  private static final double TARGET_NOOP_SECONDS = 1.0;

  private final List<Integer> sizes;

  SyncThroughputScenario(List<Integer> sizes) {
    this.sizes = List.copyOf(sizes);
  }

  static SyncThroughputScenario sized(boolean quick) {
    return new SyncThroughputScenario(quick ? List.of(1_000) : List.of(1_000, 10_000));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "drover sync of N documents, first and no-op (docs_per_s, noop_writes)";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("docs", sizes);
    c.put("warmup_docs", WARMUP_DOCS);
    c.put("document_bytes", ServiceDocuments.bytes(ServiceDocuments.name(0), 1).length);
    c.put("sync", "the drover sync command, in-process, one run per pass");
    c.put("zookeeper", BenchCluster.ZOOKEEPER);
    return c;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    List<Measurement> cases = new ArrayList<>();
    List<TargetCheck> targets = new ArrayList<>();
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(run.workDir().resolve(NAME), 0);
        CuratorFramework client = BenchClients.connect(zk.connectString())) {
      run.progress(NAME, "warm-up sync of " + WARMUP_DOCS + " documents");
      Path warmup = run.workDir().resolve("sync-warmup");
      ServiceDocuments.writeDirectory(warmup, WARMUP_DOCS);
      new InProcessCli(zk.connectString(), "/bench-warmup").sync(warmup, "bench");
      for (int docs : sizes) {
        Path dir = run.workDir().resolve("sync-" + docs);
        ServiceDocuments.writeDirectory(dir, docs);
        String root = "/bench-sync-" + docs;
        String services = root + "/services";
        InProcessCli sync = new InProcessCli(zk.connectString(), root);

        run.progress(NAME, "first sync of " + docs + " documents");
        NodeVersions empty = NodeVersions.read(client, services);
        InProcessCli.Outcome first = sync.sync(dir, "bench");
        NodeVersions created = NodeVersions.read(client, services);
        cases.add(Measurement.of(docs + " docs, first sync")
            .seconds("seconds", first.nanos())
            .seconds("cpu_s", first.cpuNanos())
            .seconds("process_cpu_s", first.processCpuNanos())
            .rate("docs_per_s", docs, first.nanos())
            .value("writes", created.writesSince(empty))
            .value("summary", first.summary())
            .build());

        run.progress(NAME, "no-op re-sync of " + docs + " documents");
        InProcessCli.Outcome again = sync.sync(dir, "bench");
        int noopWrites = NodeVersions.read(client, services).writesSince(created);
        cases.add(Measurement.of(docs + " docs, no-op re-sync")
            .seconds("seconds", again.nanos())
            .seconds("cpu_s", again.cpuNanos())
            .seconds("process_cpu_s", again.processCpuNanos())
            .rate("docs_per_s", docs, again.nanos())
            .value("noop_writes", noopWrites)
            .value("summary", again.summary())
            .build());
        targets.add(new TargetCheck("no-op re-sync of " + docs + " docs writes nothing",
            noopWrites + " writes", noopWrites == 0));
        if (docs == TARGET_DOCS) {
          double seconds = again.nanos() / 1e9;
          targets.add(new TargetCheck("no-op re-sync of 10,000 docs <= 1 s",
              String.format("%.2f s", seconds), seconds <= TARGET_NOOP_SECONDS));
        }
      }
    }
    return ScenarioResult.of(NAME, cases, configuration(), targets);
  }
}
