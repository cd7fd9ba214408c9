package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Phase;
import io.drover.controller.app.HostileDocuments.Hostile;
import io.drover.controller.store.StatusDocument;
import io.drover.local.LocalCluster;
import io.drover.local.Profile;
import io.drover.local.ReplicaProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's resident memory while the hostile-input suite is written (issue 13: it climbed
 * to 1.5-1.8 GiB on a 10,000-pod document). One {@code drover controller} process, with the heap
 * the deployment files give it ({@code -Xmx512m}), leads while every hostile document and every
 * hostile edit of a running service is written straight into ZooKeeper and handled; its VmRSS is
 * sampled throughout and its VmHWM (peak resident set) read at the end, from {@code
 * /proc/<pid>/status}. The figures are printed; the peak must stay under 1 GiB.
 */
class HostileDocumentsMemoryTest {
  private static final long ONE_GIB_KB = 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String STEADY_SPEC = """
        pods:
          web:
            count: 2
            tasks:
              server: {cmd: "exec sleep 600", cpus: 0.1, memory: 32, volume: {path: data, sizeMiB: 8}}
      """;

  @TempDir Path dir;

  @Test
  void theControllerStaysUnderOneGibResidentWhileTheHostileSuiteIsWritten() throws Exception {
    try (LocalCluster cluster = LocalCluster.builder().workDir(dir).agents(2).replicas(0).profile(Profile.TEST)
        .start()) {
      ReplicaProcess replica = cluster.startReplicaProcess();
      Path status = Path.of("/proc", Long.toString(replica.pid()), "status");
      await().atMost(WAIT).until(() -> replica.httpAddress().isPresent());
      AtomicLong maxRss = new AtomicLong();
      // The peak (VmHWM) is read at the end; sampling VmRSS every 50 ms shows how close it stays.
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "rss-sampler"));
      sampler.scheduleAtFixedRate(() -> kilobytes(status, "VmRSS").ifPresent(kb -> maxRss.accumulateAndGet(kb, Math::max)),
          0, 50, TimeUnit.MILLISECONDS);
      try {
        write(cluster.user(), new Hostile("steady", "a running service", bytes(HostileDocuments.service("steady",
            STEADY_SPEC)), true));
        await().atMost(WAIT).until(() -> cluster.statuses().read("steady").map(StatusDocument::status)
            .map(s -> s.phase() == Phase.RUNNING).orElse(false));
        List<Hostile> documents = new ArrayList<>(HostileDocuments.all());
        documents.addAll(HostileDocuments.editsOf("steady", STEADY_SPEC));
        for (Hostile h : documents) {
          long generation = write(cluster.user(), h);
          if (h.node().equals("steady")) {
            await().atMost(WAIT).until(() -> cluster.statuses().read("steady")
                .map(s -> s.status().observedGeneration() == generation).orElse(false));
          }
        }
        for (Hostile h : documents) {
          await().atMost(WAIT).until(() -> cluster.statuses().read(h.node()).isPresent());
        }
      } finally {
        sampler.shutdownNow();
        assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
      long hwm = kilobytes(status, "VmHWM").orElseThrow();
      System.out.printf("controller resident memory while %d hostile documents and edits were handled:"
          + " VmHWM %d MiB, highest VmRSS sampled %d MiB (heap -Xmx512m)%n",
          HostileDocuments.all().size() + HostileDocuments.editsOf("steady", STEADY_SPEC).size(), hwm / 1024,
          maxRss.get() / 1024);
      assertThat(replica.alive()).isTrue();
      assertThat(hwm).as("VmHWM in KiB").isLessThan(ONE_GIB_KB);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the bytes as they are (null: a node without data), as zkCli or a script would; returns the generation. */
  private static long write(CuratorFramework zk, Hostile h) throws Exception {
    String path = DroverCluster.paths().service(h.node());
    Stat stat = zk.checkExists().forPath(path);
    if (stat == null) {
      zk.createContainers(DroverCluster.paths().services());
      zk.getZookeeperClient().getZooKeeper().create(path, h.content(), ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      return 0;
    }
    return zk.setData().withVersion(stat.getVersion()).forPath(path, h.content()).getVersion();
  }

  /** A {@code Vm...:   1234 kB} line of {@code /proc/<pid>/status}, in KiB. */
  private static Optional<Long> kilobytes(Path status, String field) {
    try {
      return Files.readAllLines(status).stream().filter(l -> l.startsWith(field + ":"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
