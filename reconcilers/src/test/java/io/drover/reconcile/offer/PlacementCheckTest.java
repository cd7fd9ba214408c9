package io.drover.reconcile.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Placement;
import io.drover.api.model.PlacementRule;
import io.drover.api.model.PlacementRule.Operator;
import io.drover.reconcile.testing.ScriptedCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementCheckTest {
  private final ScriptedCluster cluster =
      new ScriptedCluster()
          .agent("a1", "web-1.dc", 4, 4096, 1000, 31000, 31010, ScriptedCluster.text("zone", "east"))
          .agent("a2", "db-1.dc", 4, 4096, 1000, 31000, 31010);

  private OfferPool pool(String agent) {
    return OfferPools.of(cluster.offers(agent)).get(0);
  }

  @Test
  void maxPerHostCountsOtherInstancesOnTheHost() {
    Placement p = new Placement(1, List.of());
    assertThat(PlacementCheck.allows(p, pool("a1"), 0)).isTrue();
    assertThat(PlacementCheck.allows(p, pool("a1"), 1)).isFalse();
    assertThat(PlacementCheck.allows(new Placement(null, List.of()), pool("a1"), 10)).isTrue();
    assertThat(PlacementCheck.allows(null, pool("a1"), 10)).isTrue();
  }

  @Test
  void hostnameLikeAndUnlikeMatchTheWholeName() {
    Placement like = new Placement(null, List.of(new PlacementRule("hostname", Operator.LIKE, "web-.*")));
    assertThat(PlacementCheck.allows(like, pool("a1"), 0)).isTrue();
    assertThat(PlacementCheck.allows(like, pool("a2"), 0)).isFalse();
    Placement partial = new Placement(null, List.of(new PlacementRule("hostname", Operator.LIKE, "web")));
    assertThat(PlacementCheck.allows(partial, pool("a1"), 0)).isFalse();
    Placement unlike = new Placement(null, List.of(new PlacementRule("hostname", Operator.UNLIKE, "db-.*")));
    assertThat(PlacementCheck.allows(unlike, pool("a1"), 0)).isTrue();
    assertThat(PlacementCheck.allows(unlike, pool("a2"), 0)).isFalse();
  }

  @Test
  void aMissingAttributeFailsLikeAndPassesUnlike() {
    Placement like = new Placement(null, List.of(new PlacementRule("zone", Operator.LIKE, "east")));
    assertThat(PlacementCheck.allows(like, pool("a1"), 0)).isTrue();
    assertThat(PlacementCheck.allows(like, pool("a2"), 0)).isFalse();
    Placement unlike = new Placement(null, List.of(new PlacementRule("zone", Operator.UNLIKE, "east")));
    assertThat(PlacementCheck.allows(unlike, pool("a1"), 0)).isFalse();
    assertThat(PlacementCheck.allows(unlike, pool("a2"), 0)).isTrue();
  }
}
