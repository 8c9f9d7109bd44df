package dev.kafkarest.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeViewTest {
  private static final long NOW = 1_000_000L;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final OwnedInstance INSTANCE = new OwnedInstance("alice", true, "g", "i");

  private final NodeView view = new NodeView("b", TIMEOUT, 3);

  @Test
  void route_unknownInstance_isUnknown() {
    assertEquals(new Route.Unknown(), view.route(INSTANCE, NOW));
  }

  @Test
  void route_instanceOfThisNode_isHere() {
    view.instance(INSTANCE, "b");
    assertEquals(new Route.Here(), view.route(INSTANCE, NOW));
  }

  @Test
  void route_instanceOfALiveNode_isThatNodesUrl() {
    view.node("a", "http://a:8082", NOW - 1_000);
    view.instance(INSTANCE, "a");
    assertEquals(new Route.Remote("a", "http://a:8082"), view.route(INSTANCE, NOW));
    assertTrue(view.ownedElsewhere(INSTANCE, NOW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.1.2.3/x?", "http://10.1.2.3/x#", "http://user:pass@10.1.2.3", "file:///etc/passwd",
      "gopher://a:70", "not a url", "//a:8082"})
  void node_aUrlThatCouldSteerForwardedCalls_isNoNode(String url) {
    view.node("a", url, NOW - 1_000);
    view.instance(INSTANCE, "a");

    assertEquals(new Route.OwnerGone("a"), view.route(INSTANCE, NOW));
  }

  @Test
  void route_ownerSilentForTheFailureTimeout_isGone() {
    view.node("a", "http://a:8082", NOW - TIMEOUT.toMillis());
    view.instance(INSTANCE, "a");
    assertEquals(new Route.OwnerGone("a"), view.route(INSTANCE, NOW));
    assertFalse(view.ownedElsewhere(INSTANCE, NOW));
  }

  @Test
  void route_ownerLeftOrNeverAnnounced_isGone() {
    view.node("a", "http://a:8082", NOW);
    view.instance(INSTANCE, "a");
    view.node("a", null, NOW);
    assertEquals(new Route.OwnerGone("a"), view.route(INSTANCE, NOW));
    view.instance(INSTANCE, "c");
    assertEquals(new Route.OwnerGone("c"), view.route(INSTANCE, NOW));
  }

  @Test
  void instance_tombstone_forgetsIt() {
    view.instance(INSTANCE, "a");
    view.instance(INSTANCE, null);
    assertEquals(new Route.Unknown(), view.route(INSTANCE, NOW));
  }

  @Test
  void instancesOfTwoPrincipals_withOneName_areTwoEntries() {
    view.node("a", "http://a", NOW);
    view.node("c", "http://c", NOW);
    OwnedInstance bobs = new OwnedInstance("bob", true, "g", "i");
    view.instance(INSTANCE, "a");
    view.instance(bobs, "c");
    assertEquals(new Route.Remote("a", "http://a"), view.route(INSTANCE, NOW));
    assertEquals(new Route.Remote("c", "http://c"), view.route(bobs, NOW));
  }

  @Test
  void node_olderHeartbeatArrivingLate_doesNotRewindIt() {
    view.node("a", "http://a", NOW);
    view.node("a", "http://a", NOW - TIMEOUT.toMillis() * 2);
    view.instance(INSTANCE, "a");
    assertEquals(new Route.Remote("a", "http://a"), view.route(INSTANCE, NOW));
  }

  @Test
  void instance_pastTheBound_isDroppedAndCounted_whileKnownOnesStillUpdate() {
    for (int i = 0; i < 3; i++) {
      view.instance(new OwnedInstance("p", true, "g", "i" + i), "a");
    }
    view.instance(new OwnedInstance("p", true, "g", "i3"), "a");
    view.instance(new OwnedInstance("p", true, "g", "i0"), "c");
    assertEquals(3, view.instanceCount());
    assertEquals(1, view.dropped());
    assertEquals(List.of(new OwnedInstance("p", true, "g", "i0")), view.instancesOf("c"));
  }

  @Test
  void isJanitor_onlyForTheSmallestLiveId() {
    view.node("b", "http://b", NOW);
    assertTrue(view.isJanitor(NOW));
    view.node("a", "http://a", NOW);
    assertFalse(view.isJanitor(NOW), "a is alive and smaller");
    assertTrue(view.isJanitor(NOW + TIMEOUT.toMillis()), "a went silent; b is the smallest live id");
  }

  @Test
  void goneNodes_areSilentNodesAndOwnersNoNodeAnnounces_neverThisOne() {
    view.node("a", "http://a", NOW - TIMEOUT.toMillis() - 1);
    view.node("c", "http://c", NOW);
    view.node("b", "http://b", NOW - TIMEOUT.toMillis() * 5);
    view.instance(INSTANCE, "d");
    assertEquals(List.of("a", "d"), view.goneNodes(NOW));
  }
}
