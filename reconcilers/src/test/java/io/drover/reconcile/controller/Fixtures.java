package io.drover.reconcile.controller;

import io.drover.reconcile.service.ObservedService;
import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.TaskRow;
import io.drover.reconcile.service.ObservedService.Lifecycle;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Documents and observed states for the decision and status tests. */
final class Fixtures {
  private Fixtures() {}

  static LoadedDocument load(String yaml) {
    List<LoadedDocument> docs = Services.load("test", yaml.getBytes(StandardCharsets.UTF_8));
    if (docs.size() != 1) {
      throw new IllegalArgumentException("expected one document: " + docs);
    }
    return docs.get(0);
  }

  static DesiredService valid(long generation, int count) {
    return DesiredService.of("web", generation, load("""
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: web}
        spec:
          pods:
            web:
              count: %d
              tasks:
                server: {cmd: "sleep 1000", cpus: 0.1, memory: 32}
        """.formatted(count)));
  }

  static DesiredService invalid(long generation) {
    return DesiredService.of("web", generation, load("""
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: web}
        spec:
          pods:
            web:
              tasks:
                server: {cmd: "sleep 1000", cpus: -1, memory: 32}
        """));
  }

  static ObservedService observed(DesiredService target, Lifecycle lifecycle, int running, int total) {
    List<TaskRow> tasks =
        java.util.stream.IntStream.range(0, total)
            .mapToObj(i -> new TaskRow("web-" + i + "-server", "web__web-" + i + "-server__u", i < running ? "TASK_RUNNING" : "TASK_STAGING",
                "agent-1", "host-1", null, null, null, null))
            .toList();
    List<PlanStatus> plans = List.of(new PlanStatus("deploy", lifecycle == Lifecycle.RUNNING ? "COMPLETE" : "IN_PROGRESS", List.of()));
    return new ObservedService(target.name(), target.generation(), target.specHash(), lifecycle, plans, tasks, null);
  }

  static ServiceSnapshot snapshot(DesiredService d, ObservedService o) {
    return new ServiceSnapshot("web", d, o, null);
  }
}
