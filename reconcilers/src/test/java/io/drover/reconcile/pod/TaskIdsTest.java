package io.drover.reconcile.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Strategy;
import io.drover.reconcile.testing.Specs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskID;
import org.junit.jupiter.api.Test;

class TaskIdsTest {

  @Test
  void taskIdCarriesServiceInstanceAndUuid() {
    TaskID id = TaskIds.of("hello-world", TaskName.of("web-front", 2, "server-x"), "u-1");
    assertThat(id.getValue()).isEqualTo("hello-world__web-front-2-server-x__u-1");
    assertThat(TaskIds.serviceOf(id)).contains("hello-world");
  }

  @Test
  void idsNotInDroversFormatHaveNoService() {
    assertThat(TaskIds.serviceOf(TaskID.newBuilder().setValue("marathon-app.1234").build())).isEmpty();
    assertThat(TaskIds.serviceOf(TaskID.newBuilder().setValue("__x__y").build())).isEmpty();
    assertThat(TaskIds.serviceOf(TaskID.newBuilder().setValue("svc__only").build())).isEmpty();
    assertThat(TaskIds.serviceOf(TaskID.newBuilder().setValue("svc__a-0-b__").build())).isEmpty();
  }

  @Test
  void instancesFollowDocumentOrderAndCounts() {
    Map<String, io.drover.api.model.PodSpec> pods = new LinkedHashMap<>();
    pods.put("zeta", Specs.pod(2, Map.of("t", Specs.task("true"))));
    pods.put("alpha", Specs.pod(1, Map.of("t", Specs.task("true"))));
    var spec = Specs.service("s", pods, Specs.deployPlan(Strategy.SERIAL, Strategy.SERIAL)).spec();
    assertThat(PodInstances.all(spec)).extracting(InstanceId::name).containsExactly("zeta-0", "zeta-1", "alpha-0");
    assertThat(PodInstances.wanted(spec, InstanceId.of("zeta", 2))).isFalse();
    assertThat(PodInstances.taskSpec(spec, TaskName.of("alpha", 0, "t"))).isPresent();
    assertThat(PodInstances.taskSpec(spec, TaskName.of("alpha", 0, "other"))).isEmpty();
  }

  @Test
  void specDigestIgnoresMapOrderButNotValues() {
    var a = Specs.withEnv(Specs.task("run"), linked("A", "1", "B", "2"));
    var b = Specs.withEnv(Specs.task("run"), linked("B", "2", "A", "1"));
    var c = Specs.withEnv(Specs.task("run"), linked("A", "1", "B", "3"));
    assertThat(TaskSpecDigest.of(a)).isEqualTo(TaskSpecDigest.of(b)).isNotEqualTo(TaskSpecDigest.of(c));
    assertThat(TaskSpecDigest.of(Specs.withCpus(a, 0.2))).isNotEqualTo(TaskSpecDigest.of(a));
  }

  @Test
  void anEqualSpecBuiltAnewHasTheSameDigest() {
    var a = Specs.withEnv(Specs.task("run"), linked("A", "1"));
    String first = TaskSpecDigest.of(a);
    assertThat(TaskSpecDigest.of(Specs.withEnv(Specs.task("run"), linked("A", "2")))).isNotEqualTo(first);
    // A new leader's decoded record, a re-applied document: the running task keeps its digest.
    assertThat(TaskSpecDigest.of(Specs.withEnv(Specs.task("run"), linked("A", "1")))).isEqualTo(first);
  }

  private static Map<String, String> linked(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
