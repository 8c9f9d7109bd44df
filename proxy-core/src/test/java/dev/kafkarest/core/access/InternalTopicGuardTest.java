package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InternalTopicGuardTest {
  private static final Identity ADMIN = Identity.of("admin", Set.of());
  private static final AccessPolicy RULES = AccessRules.parse("test", List.of("allow user:admin all topic:*"));

  @ParameterizedTest
  @ValueSource(strings = {"__consumer_offsets", "__transaction_state", "__share_group_state", "__anything"})
  void permits_readOrWriteInternalTopicAccessOff_refusedEvenWhenAllowed(String topic) {
    for (AccessPolicy delegate : List.of(AccessPolicy.allowAll(), RULES)) {
      InternalTopicGuard guard = new InternalTopicGuard(delegate, false, name -> false);

      assertFalse(guard.permits(ADMIN, Operation.READ, ResourceType.TOPIC, topic));
      assertFalse(guard.permits(ADMIN, Operation.WRITE, ResourceType.TOPIC, topic));
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
      "DESCRIBE, TOPIC, __consumer_offsets, true",
      "DELETE, TOPIC, __consumer_offsets, false",
      "ALTER, TOPIC, __consumer_offsets, false",
      "CREATE, TOPIC, __anything, false",
      "DELETE, TOPIC, _single_underscore, true",
      "READ, TOPIC, _single_underscore, true",
      "WRITE, TOPIC, orders__eu, true",
      "READ, CONSUMER_GROUP, __consumer_offsets, true",
      "READ, TOPIC, __consumer_offsets, false",
  })
  void permits_accessOffAllowAll_refusesAllButDescribeOfInternalTopics(Operation operation, ResourceType type,
      String name, boolean expected) {
    InternalTopicGuard guard = new InternalTopicGuard(AccessPolicy.allowAll(), false, topic -> false);

    assertEquals(expected, guard.permits(Identity.anonymous(), operation, type, name));
  }

  @Test
  void permits_accessOn_leavesInternalTopicsToTheRules() {
    InternalTopicGuard guard = new InternalTopicGuard(RULES, true, topic -> false);

    assertTrue(guard.permits(ADMIN, Operation.WRITE, ResourceType.TOPIC, "__consumer_offsets"));
    assertFalse(guard.permits(Identity.of("eve", Set.of()), Operation.WRITE, ResourceType.TOPIC,
        "__consumer_offsets"));
  }

  @Test
  void permits_topicMarkedInternalInMetadata_refused() {
    InternalTopicGuard guard = new InternalTopicGuard(AccessPolicy.allowAll(), false, "_schemas"::equals);

    assertFalse(guard.permits(ADMIN, Operation.READ, ResourceType.TOPIC, "_schemas"));
    assertTrue(guard.permits(ADMIN, Operation.READ, ResourceType.TOPIC, "orders"));
  }

  @Test
  void permits_otherwise_asksTheWrappedPolicy() {
    InternalTopicGuard guard = new InternalTopicGuard(RULES, false, topic -> false);

    assertTrue(guard.permits(ADMIN, Operation.WRITE, ResourceType.TOPIC, "orders"));
    assertFalse(guard.permits(ADMIN, Operation.WRITE, ResourceType.CONSUMER_GROUP, "orders"));
  }
}
