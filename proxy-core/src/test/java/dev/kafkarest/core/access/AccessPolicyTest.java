package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final Identity ALICE = Identity.of("alice", Set.of("secret-group"));
  private static final AccessPolicy RULES = AccessRules.parse("test", List.of(
      "allow group:secret-group describe topic:orders*",
      "deny user:alice describe topic:orders-hidden"));

  @Test
  void check_denied_throws40301NamingOperationAndResourceOnly() {
    ProxyException e = assertThrows(ProxyException.class,
        () -> RULES.check(ALICE, Operation.WRITE, ResourceType.TOPIC, "orders"));

    assertSame(ErrorCode.NOT_AUTHORIZED, e.errorCode());
    assertEquals("Not authorized to write topic 'orders'", e.getMessage());
  }

  @Test
  void check_deniedConsumerGroup_namesConsumerGroup() {
    ProxyException e = assertThrows(ProxyException.class,
        () -> RULES.check(ALICE, Operation.READ, ResourceType.CONSUMER_GROUP, "app"));

    assertEquals("Not authorized to read consumer-group 'app'", e.getMessage());
  }

  @Test
  void check_deniedCluster_namesTheCluster() {
    ProxyException e = assertThrows(ProxyException.class,
        () -> RULES.check(ALICE, Operation.DESCRIBE, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME));

    assertEquals("Not authorized to describe the cluster", e.getMessage());
  }

  @Test
  void check_permitted_returnsNormally() {
    assertDoesNotThrow(() -> RULES.check(ALICE, Operation.DESCRIBE, ResourceType.TOPIC, "orders-eu"));
  }

  @Test
  void filter_restrictedUser_keepsOnlyPermittedNamesInOrder() {
    List<String> topics = List.of("payments", "orders-us", "orders-hidden", "orders-eu", "__consumer_offsets");

    assertEquals(List.of("orders-us", "orders-eu"),
        RULES.filter(ALICE, Operation.DESCRIBE, ResourceType.TOPIC, topics));
  }

  @Test
  void allowAll_anyone_permitsEverything() {
    AccessPolicy policy = AccessPolicy.allowAll();

    for (Operation operation : Operation.values()) {
      for (ResourceType type : ResourceType.values()) {
        assertTrue(policy.permits(Identity.anonymous(), operation, type, "x"), operation + " " + type);
      }
    }
  }
}
