package io.drover.cli;

import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;

/**
 * The training run behind the class-data-sharing archive that {@code ./drover} uses: the build runs
 * it once per jar with {@code -XX:DumpLoadedClassList} and dumps a static archive of the classes it
 * listed, so the archive holds the classes the everyday verbs load (validate, apply, get, describe,
 * diff, wait, delete, sync), already parsed. It runs each verb in-process, as a user would call it, against the ZooKeeper named by
 * {@code DROVER_ZK} (an empty one: the build starts its own), playing the controller only to write
 * the statuses that {@code get}, {@code describe} and {@code wait} read.
 *
 * <p>Exit 0 when every verb answered as expected; 1, with what went wrong, otherwise (the build then
 * fails rather than ship an archive of error paths).
 */
public final class CdsTraining {
  private static final int SERVICES = 20;

  private final CliContext context;
  private final Path docs;
  private final List<String> failures = new ArrayList<>();

  private CdsTraining(CliContext context, Path docs) {
    this.context = context;
    this.docs = docs;
  }

  public static void main(String[] args) throws Exception {
    CliLoggingProvider.select(); // as Main.main does, so that the archive holds its classes
    String zk = System.getenv(ZkOptions.ENV_ZK);
    if (zk == null || zk.isBlank()) {
      System.err.println("error: set " + ZkOptions.ENV_ZK + " to an empty ZooKeeper to train against");
      System.exit(ExitCodes.USAGE);
    }
    List<String> failures = train(zk);
    failures.forEach(f -> System.err.println("error: CDS training: " + f));
    System.exit(failures.isEmpty() ? ExitCodes.OK : ExitCodes.NEGATIVE);
  }

  /** Runs every verb against the empty ZooKeeper {@code zk}; what did not answer as expected. */
  static List<String> train(String zk) throws Exception {
    Path docs = Files.createTempDirectory("drover-cds-training");
    try {
      return new CdsTraining(quietContext(zk, docs), docs).run(zk);
    } finally {
      try (var files = Files.list(docs)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(docs);
    }
  }

  private List<String> run(String zk) throws Exception {
    for (int i = 0; i < SERVICES; i++) {
      Files.writeString(docs.resolve(name(i) + ".yaml"), document(name(i), "hello"));
    }
    String one = docs.resolve(name(0) + ".yaml").toString();
    expect(0, "validate", "-R", "-f", docs.toString());
    // Outside the directory the other verbs read: an invalid document, then a changed one (JSON).
    Path invalid = Files.createTempFile("drover-cds-invalid", ".yaml");
    Path changed = Files.createTempFile("drover-cds-changed", ".json");
    try {
      Files.writeString(invalid, document("Bad_Name", "x").replace("cpus: 0.1", "cpus: -1"));
      expect(1, "validate", "-f", invalid.toString());
      Files.writeString(changed, "{\"apiVersion\": \"drover.io/v1\", \"kind\": \"Service\","
          + " \"metadata\": {\"name\": \"" + name(0) + "\"}, \"spec\": {\"pods\": {\"web\":"
          + " {\"tasks\": {\"server\": {\"cmd\": \"sleep 1000\", \"cpus\": 0.2, \"memory\": 32}}}}}}");
      train(one, changed.toString(), zk);
    } finally {
      Files.delete(invalid);
      Files.delete(changed);
    }
    return failures;
  }

  /** The store verbs, against the services of {@link #docs}. */
  private void train(String one, String changed, String zk) throws Exception {
    // The head start Main.main gives every store verb, so that the archive holds its classes too.
    StartupWarmup.startFor(new String[] {"get"}).join();
    expect(0, "apply", "-f", docs.toString());
    writeStatuses(zk);
    expect(0, "apply", "-f", one);
    expect(0, "get", "services");
    expect(0, "get", "service", name(0), "-o", "yaml");
    expect(0, "get", "service/" + name(1), "-o", "json");
    expect(0, "describe", "service", name(0));
    expect(0, "diff", "-f", one);
    expect(1, "diff", "-f", changed);
    expect(0, "wait", "service", name(0), "--for", "condition=Ready", "--timeout", "10s");
    expect(0, "sync", docs.toString(), "--sync-id", "training", "--root", "/drover-sync");
    expect(0, "delete", "service", name(SERVICES - 1));
    expect(1, "get", "service", "missing");
    expect(0, "get", "--help");
  }

  private void expect(int exit, String... args) {
    int actual = Main.run(context, args);
    if (actual != exit) {
      failures.add("drover " + String.join(" ", args) + ": exit " + actual + ", expected " + exit);
    }
  }

  /** A Ready status about the current generation for every service, as the controller writes. */
  private static void writeStatuses(String zk) throws Exception {
    StorePaths paths = ZkSettings.of(zk).paths();
    try (CuratorFramework client = ZkClients.connect(ZkSettings.of(zk))) {
      for (int i = 0; i < SERVICES; i++) {
        client.create().creatingParentsIfNeeded().forPath(paths.status(name(i)),
            status().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String name(int i) {
    return String.format("training-%02d", i);
  }

  private static String document(String name, String greeting) {
    return """
        apiVersion: drover.io/v1
        kind: Service
        metadata:
          name: %s
          labels:
            team: training
        spec:
          pods:
            web:
              count: 2
              tasks:
                server:
                  goal: RUNNING
                  cmd: "python3 -m http.server $PORT_HTTP"
                  cpus: 0.1
                  memory: 32
                  ports:
                    http: {port: 0}
                  env: {GREETING: %s}
                  killGracePeriodSeconds: 1
        """.formatted(name, greeting);
  }

  private static String status() {
    return """
        {"observedGeneration": 0, "specHash": "0", "phase": "Running",
         "conditions": [
           {"type": "Accepted", "status": "True", "reason": "Valid",
            "lastTransitionTime": "2026-01-01T10:00:00Z"},
           {"type": "Ready", "status": "True", "reason": "AllTasksReady", "message": "2/2 tasks ready",
            "lastTransitionTime": "2026-01-01T10:01:00Z"}],
         "plans": [{"name": "deploy", "status": "COMPLETE", "phases": [{"name": "web",
           "status": "COMPLETE", "steps": [{"name": "web-0", "status": "COMPLETE"}]}]}],
         "tasks": [{"name": "web-0-server", "taskId": "t__web-0-server__u0", "state": "TASK_RUNNING",
           "host": "agent-0", "ports": {"http": 31000}, "healthy": true, "ready": true}]}
        """;
  }

  /** Output discarded (kept in memory: a verb's output is part of what it loads), no terminal. */
  private static CliContext quietContext(String zk, Path workDir) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(ZkOptions.ENV_ZK, zk);
    return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(OutputStream.nullOutputStream()),
        InputStream.nullInputStream(), env, false, Clock.systemUTC(), workDir);
  }
}
