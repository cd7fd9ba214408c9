package io.drover.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import io.drover.api.model.Artifact;
import io.drover.api.model.Placement;
import io.drover.api.model.PodExecutor;
import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.pod.PodInstances;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.pod.TaskSpecDigest;
import io.drover.reconcile.testing.Specs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a target derives from its document: each task's digest and the rollout layouts. */
class TargetTest {

  /** Pod "web" folds an artifact and an image into its two tasks; pod "db" has one plain task. */
  private static ServiceResource document(String dbCmd) {
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    pods.put("web", new PodSpec(2, new Placement(null, List.of()), 300,
        Map.of("server", Specs.task("serve"), "sidecar", Specs.task("tail")), PodExecutor.COMMAND,
        List.of(new Artifact("https://example.com/site.tgz", true, false, false, null)), "nginx:1.27"));
    pods.put("db", Specs.pod(1, Map.of("main", Specs.task(dbCmd))));
    return Specs.service("shop", pods);
  }

  @Test
  void aTasksDigestIsThatOfTheTaskAsLaunchedWithItsPodsArtifactsAndImage() {
    Target t = Target.of("h", 1, document("db"));
    for (TaskName name : List.of(TaskName.of("web", 1, "server"), TaskName.of("web", 0, "sidecar"), TaskName.of("db", 0, "main"))) {
      assertThat(t.digest(name)).as(name.name())
          .isEqualTo(TaskSpecDigest.of(PodInstances.taskSpec(t.spec(), name).orElseThrow()));
    }
    assertThat(t.digest(TaskName.of("web", 0, "server"))).isNotEqualTo(TaskSpecDigest.of(Specs.task("serve")));
    assertThat(t.digest(TaskName.of("db", 0, "main")))
        .isNotEqualTo(Target.of("h", 1, document("db --fast")).digest(TaskName.of("db", 0, "main")));
  }

  @Test
  void aTaskTheTargetDoesNotHaveHasNoDigest() {
    Target t = Target.of("h", 1, document("db"));
    assertThat(t.digest(TaskName.of("web", 0, "other"))).isNull();
    assertThat(t.digest(TaskName.of("cache", 0, "main"))).isNull();
  }

  @Test
  void eachLayoutIsDerivedOncePerTarget() {
    Target t = Target.of("h", 1, document("db"));
    for (String plan : List.of(PlanLayout.DEPLOY, PlanLayout.UPDATE)) {
      PlanLayout first = t.layout(plan);
      assertThat(first).isEqualTo(PlanLayout.of(t.spec(), plan));
      assertThat(t.layout(plan)).as("the same instance, not derived again").isSameAs(first);
    }
    assertThat(t.layout(PlanLayout.DEPLOY).steps()).extracting(s -> s.name()).containsExactly("web-0", "web-1", "db-0");
  }

  @Test
  void theCanonicalFormIsComputedOncePerTarget() {
    Target t = Target.of("h", 1, document("db"));
    String first = t.canonicalJson();
    assertThat(first).isEqualTo(Services.canonicalJson(t.resource()));
    assertThat(t.canonicalJson()).isSameAs(first);
  }

  @Test
  void targetsOfEqualDocumentsAreEqualWhateverTheyDerived() {
    Target used = Target.of("h", 1, document("db"));
    used.digest(TaskName.of("db", 0, "main"));
    used.layout(PlanLayout.DEPLOY);
    used.canonicalJson();
    Target fresh = Target.of("h", 1, document("db"));
    assertThat(used).isEqualTo(fresh).hasSameHashCodeAs(fresh);
    assertThat(used).isNotEqualTo(Target.of("h", 2, document("db")));
    assertThat(used).isNotEqualTo(Target.of("other", 1, document("db")));
    assertThat(used).isNotEqualTo(Target.of("h", 1, document("db --fast")));
  }
}
