package dev.kafkarest.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyTopicGuardTest {
  private static final String NODES = "_kafka-rest-nodes";
  private static final Identity ADMIN = Identity.of("admin", Set.of());
  private static final AccessPolicy RULES = AccessRules.parse("test",
      List.of("allow user:admin all topic:*", "allow user:admin all consumer-group:*"));

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
      "WRITE, TOPIC, _kafka-rest-nodes, false",
      "READ, TOPIC, _kafka-rest-nodes, false",
      "DELETE, TOPIC, _kafka-rest-nodes, false",
      "ALTER, TOPIC, _kafka-rest-nodes, false",
      "CREATE, TOPIC, _kafka-rest-nodes, false",
      "DESCRIBE, TOPIC, _kafka-rest-nodes, true",
      "WRITE, TOPIC, _kafka-rest-nodes2, true",
      "READ, CONSUMER_GROUP, _kafka-rest-nodes, true",
  })
  void permits_theProxysTopics_onlyDescribedWhateverTheRulesSay(Operation operation, ResourceType type, String name,
      boolean expected) {
    for (AccessPolicy delegate : List.of(AccessPolicy.allowAll(), RULES)) {
      ProxyTopicGuard guard = new ProxyTopicGuard(delegate, Set.of(NODES));

      assertEquals(expected, guard.permits(ADMIN, operation, type, name), delegate.toString());
    }
  }

  @Test
  void permitsEvery_topics_notWhileATopicIsGuarded() {
    assertFalse(new ProxyTopicGuard(AccessPolicy.allowAll(), Set.of(NODES))
        .permitsEvery(ADMIN, Operation.READ, ResourceType.TOPIC));
    assertTrue(new ProxyTopicGuard(AccessPolicy.allowAll(), Set.of(NODES))
        .permitsEvery(ADMIN, Operation.DESCRIBE, ResourceType.TOPIC));
    assertTrue(new ProxyTopicGuard(AccessPolicy.allowAll(), Set.of())
        .permitsEvery(ADMIN, Operation.READ, ResourceType.TOPIC));
  }

  @Test
  void subscriptionPattern_neverMatchesAGuardedTopic() {
    Pattern narrowed = new ProxyTopicGuard(AccessPolicy.allowAll(), Set.of(NODES))
        .subscriptionPattern(ADMIN, Pattern.compile("_kafka.*"));

    assertFalse(narrowed.matcher(NODES).matches());
    assertTrue(narrowed.matcher("_kafka-rest-nodes-old").matches());
    assertTrue(narrowed.matcher("_kafka").matches());
  }
}
