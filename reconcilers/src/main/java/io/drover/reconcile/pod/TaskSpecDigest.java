package io.drover.reconcile.pod;

import com.google.common.hash.Hashing;
import io.drover.api.model.Artifact;
import io.drover.api.model.Check;
import io.drover.api.model.PortSpec;
import io.drover.api.model.TaskSpec;
import io.drover.api.model.Volume;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A short, order-independent digest of everything in a task's spec that needs a relaunch to take
 * effect. Two specs that differ only in map order have the same digest. A running task whose digest
 * differs from its target's is rolled by the update plan; a placement or count change alone leaves
 * running tasks alone.
 *
 * <p>Every judgement of a task against its target asks for its spec's digest (plans, status, offer
 * rounds: many times per service per event): ask the {@code Target}, which computes each of its
 * tasks' digests once.
 */
public final class TaskSpecDigest {

  private TaskSpecDigest() {}

  /** The digest, computed anew. */
  public static String of(TaskSpec t) {
    StringBuilder b = new StringBuilder();
    field(b, "goal", t.goal());
    field(b, "cmd", t.cmd());
    field(b, "cpus", t.cpus());
    field(b, "memory", t.memory());
    field(b, "disk", t.disk());
    field(b, "ports", ports(t.ports()));
    field(b, "env", t.env() == null ? null : new TreeMap<>(t.env()));
    field(b, "healthCheck", check(t.healthCheck()));
    field(b, "readinessCheck", check(t.readinessCheck()));
    field(b, "volume", volume(t.volume()));
    field(b, "killGracePeriodSeconds", t.killGracePeriodSeconds());
    field(b, "user", t.user());
    // Fields added later count only when set, so that tasks without them keep their digest (and keep running).
    if (Boolean.FALSE.equals(t.essential())) {
      field(b, "essential", false);
    }
    if (t.uris() != null && !t.uris().isEmpty()) {
      field(b, "uris", t.uris().stream().map(TaskSpecDigest::artifact).toList());
    }
    if (t.secrets() != null && !t.secrets().isEmpty()) {
      Map<String, String> secrets = new TreeMap<>();
      t.secrets().forEach((variable, ref) -> secrets.put(variable, ref == null ? null : ref.secret()));
      field(b, "secrets", secrets);
    }
    if (t.configs() != null && !t.configs().isEmpty()) {
      Map<String, String> configs = new TreeMap<>();
      t.configs().forEach((name, c) -> configs.put(name, c == null ? null : c.path() + "|" + c.template()));
      field(b, "configs", configs);
    }
    if (t.image() != null) {
      field(b, "image", t.image());
    }
    return Hashing.sha256().hashString(b, StandardCharsets.UTF_8).toString().substring(0, 16);
  }

  private static Map<String, Integer> ports(Map<String, PortSpec> ports) {
    if (ports == null) {
      return null;
    }
    Map<String, Integer> out = new TreeMap<>();
    ports.forEach((k, v) -> out.put(k, v == null ? null : v.port()));
    return out;
  }

  private static String check(Check c) {
    return c == null
        ? null
        : String.join(
            "|",
            String.valueOf(c.cmd()),
            String.valueOf(c.intervalSeconds()),
            String.valueOf(c.timeoutSeconds()),
            String.valueOf(c.gracePeriodSeconds()),
            String.valueOf(c.delaySeconds()),
            String.valueOf(c.maxConsecutiveFailures()));
  }

  private static String artifact(Artifact a) {
    return String.join("|", a.uri(), String.valueOf(a.extract()), String.valueOf(a.executable()),
        String.valueOf(a.cache()), String.valueOf(a.outputFile()));
  }

  private static String volume(Volume v) {
    return v == null ? null : v.path() + "|" + v.sizeMiB();
  }

  private static void field(StringBuilder b, String name, Object value) {
    // Length-prefixed so that no two different specs serialize to the same text.
    String s = String.valueOf(value);
    b.append(name).append('=').append(s.length()).append(':').append(s).append(';');
  }
}
