package io.drover.reconcile.state;

import io.drover.api.Services;
import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.ServiceSpec;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.pod.EffectiveTask;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.pod.TaskSpecDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The desired model: the accepted, defaulted document a service is driven towards, with the id of
 * that configuration (the spec hash) and the generation of the desired node it came from. A value:
 * equal when the hash, generation and document are.
 *
 * <p>Every judgement of a task against its target asks for the task's spec digest, and every
 * decision about the service for its rollout plan's layout, many times per event; both are derived
 * from the document here, once per target, at their first use. A target is immutable (its
 * document is never changed after it is made), and a service keeps the same target from one put to
 * the next, so they are derived once per put.
 */
public final class Target {
  private final String specHash;
  private final long generation;
  private final ServiceResource resource;
  /** Per pod, per task: the digest of the task as launched; null until first asked for. */
  private volatile Map<String, Map<String, String>> digests;
  private volatile PlanLayout deployLayout;
  private volatile PlanLayout updateLayout;
  private volatile String canonicalJson;

  private Target(String specHash, long generation, ServiceResource resource, String canonicalJson) {
    this.specHash = Objects.requireNonNull(specHash, "specHash");
    this.generation = generation;
    this.resource = Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(resource.name(), "resource name");
    Objects.requireNonNull(resource.spec(), "resource spec");
    this.canonicalJson = canonicalJson;
  }

  /** @param specHash {@code Services.specHash(resource)}, which the caller computed already */
  public static Target of(String specHash, long generation, ServiceResource resource) {
    return new Target(specHash, generation, resource, null);
  }

  /**
   * A target whose document's canonical JSON is known already (loading the document computed it),
   * so neither the store's write nor the recovery's comparison serializes the document again.
   *
   * @param canonicalJson {@code Services.canonicalJson(resource)}
   */
  public static Target of(String specHash, long generation, ServiceResource resource, String canonicalJson) {
    return new Target(specHash, generation, resource, Objects.requireNonNull(canonicalJson, "canonicalJson"));
  }

  public String specHash() {
    return specHash;
  }

  public long generation() {
    return generation;
  }

  public ServiceResource resource() {
    return resource;
  }

  public String name() {
    return resource.name();
  }

  public ServiceSpec spec() {
    return resource.spec();
  }

  /**
   * The canonical JSON of the document ({@link Services#canonicalJson}), as the store writes it;
   * computed once per target, at first use.
   */
  public String canonicalJson() {
    String json = canonicalJson;
    if (json == null) {
      json = Services.canonicalJson(resource);
      canonicalJson = json;
    }
    return json;
  }

  /**
   * The {@link TaskSpecDigest} of the task as launched (its pod's artifacts and image folded in),
   * or null when the target has no such task.
   */
  public String digest(TaskName task) {
    Map<String, Map<String, String>> all = digests;
    if (all == null) {
      all = digests();
      digests = all; // a race computes the same value twice, never a different one
    }
    Map<String, String> ofPod = all.get(task.pod());
    return ofPod == null ? null : ofPod.get(task.task());
  }

  private Map<String, Map<String, String>> digests() {
    Map<String, Map<String, String>> out = new HashMap<>();
    Map<String, PodSpec> pods = spec().pods() == null ? Map.of() : spec().pods();
    pods.forEach((podName, pod) -> {
      Map<String, String> tasks = new HashMap<>();
      Map<String, TaskSpec> specs = pod.tasks() == null ? Map.of() : pod.tasks();
      specs.forEach((taskName, task) -> tasks.put(taskName, TaskSpecDigest.of(EffectiveTask.of(pod, task))));
      out.put(podName, Map.copyOf(tasks));
    });
    return Map.copyOf(out);
  }

  /** The layout of rollout plan {@code plan} ({@link PlanLayout#DEPLOY} or {@link PlanLayout#UPDATE}). */
  public PlanLayout layout(String plan) {
    if (PlanLayout.DEPLOY.equals(plan)) {
      PlanLayout l = deployLayout;
      if (l == null) {
        l = PlanLayout.of(spec(), plan);
        deployLayout = l;
      }
      return l;
    }
    if (PlanLayout.UPDATE.equals(plan)) {
      PlanLayout l = updateLayout;
      if (l == null) {
        l = PlanLayout.of(spec(), plan);
        updateLayout = l;
      }
      return l;
    }
    return PlanLayout.of(spec(), plan);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Target t && generation == t.generation && specHash.equals(t.specHash) && resource.equals(t.resource);
  }

  @Override
  public int hashCode() {
    return Objects.hash(specHash, generation, resource);
  }

  @Override
  public String toString() {
    return "Target[specHash=" + specHash + ", generation=" + generation + ", resource=" + resource + "]";
  }
}
