package io.drover.reconcile.controller;

import com.google.common.hash.Hashing;
import io.drover.api.Services;
import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.ServiceSpec;
import io.drover.api.model.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Binds a desired service to the versions of the secrets it uses, as a pure function. Each task that
 * uses secrets gets {@value #DIGEST_VARIABLE}: a digest of the names and versions of its secrets
 * (never their values). The bound document is what the scheduler targets, so a rotated secret
 * changes the spec hash and the digest of exactly the tasks that use it, and the update plan rolls
 * their pods. A secret that does not exist holds the document back with a reason naming it.
 */
public final class SecretBinding {
  public static final String DIGEST_VARIABLE = "DROVER_SECRETS_DIGEST";

  /**
   * The outcome: {@code desired} bound (or as given, when it uses no secret or is invalid), or
   * the reasons it must wait, one per missing secret.
   */
  public record Result(DesiredService desired, List<String> missing) {
    public Result {
      missing = List.copyOf(missing);
    }

    public boolean ready() {
      return missing.isEmpty();
    }
  }

  private SecretBinding() {}

  /** @param versions the current version of a secret, empty when it does not exist */
  public static Result bind(DesiredService d, Function<String, Optional<String>> versions) {
    if (d == null || !d.valid() || !usesSecrets(d.resource().spec())) {
      return new Result(d, List.of());
    }
    List<String> missing = new ArrayList<>();
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    d.resource().spec().pods().forEach((podName, pod) -> {
      Map<String, TaskSpec> tasks = new LinkedHashMap<>();
      pod.tasks().forEach((taskName, task) -> tasks.put(taskName, bound(podName, taskName, task, versions, missing)));
      pods.put(podName, pod.withTasks(tasks));
    });
    if (!missing.isEmpty()) {
      return new Result(d, missing.stream().distinct().toList());
    }
    ServiceResource r = d.resource();
    ServiceResource bound =
        new ServiceResource(r.apiVersion(), r.kind(), r.metadata(), new ServiceSpec(pods, r.spec().plans()));
    return new Result(new DesiredService(d.name(), d.generation(), bound, Services.specHash(bound), List.of(), null), List.of());
  }

  /** Whether a task of the document uses the secret {@code secret}. */
  public static boolean uses(ServiceResource r, String secret) {
    return r != null && r.spec() != null && r.spec().pods().values().stream()
        .flatMap(p -> p.tasks().values().stream())
        .anyMatch(t -> t.secrets() != null && t.secrets().values().stream().anyMatch(s -> s.secret().equals(secret)));
  }

  private static boolean usesSecrets(ServiceSpec spec) {
    return spec.pods().values().stream().flatMap(p -> p.tasks().values().stream())
        .anyMatch(t -> t.secrets() != null && !t.secrets().isEmpty());
  }

  private static TaskSpec bound(String pod, String task, TaskSpec t, Function<String, Optional<String>> versions,
      List<String> missing) {
    if (t.secrets() == null || t.secrets().isEmpty()) {
      return t;
    }
    Map<String, String> used = new TreeMap<>();
    t.secrets().forEach((variable, ref) -> {
      Optional<String> version = versions.apply(ref.secret());
      if (version.isEmpty()) {
        missing.add("secret \"" + ref.secret() + "\" (spec.pods." + pod + ".tasks." + task + ".secrets[" + variable
            + "]) does not exist: create it with drover secret create " + ref.secret() + " --from-file FILE");
      } else {
        used.put(ref.secret(), version.get());
      }
    });
    Map<String, String> env = new LinkedHashMap<>(t.env() == null ? Map.of() : t.env());
    env.put(DIGEST_VARIABLE, Hashing.sha256().hashString(used.toString(), StandardCharsets.UTF_8).toString().substring(0, 16));
    return t.withEnv(env);
  }
}
