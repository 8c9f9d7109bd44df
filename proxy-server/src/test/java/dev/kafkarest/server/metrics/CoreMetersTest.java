package dev.kafkarest.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoreMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void topicLabelOff_countersHaveNoTopicLabel() {
    CoreMeters meters = new CoreMeters(registry, false, 100);

    meters.produced("a", 2, 1, 10);
    meters.consumerRead(3, 30);

    assertFalse(meters.perTopic());
    assertEquals(2, registry.get("kafka.rest.produce.records").counter().count());
    assertNull(registry.get("kafka.rest.produce.records").counter().getId().getTag("topic"));
    assertEquals(3, registry.get("kafka.rest.consumer.records").counter().count());
    assertEquals(30, registry.get("kafka.rest.consumer.bytes").counter().count());
  }

  @Test
  void topicLabelOn_countsPerTopic() {
    CoreMeters meters = new CoreMeters(registry, true, 100);

    meters.produced("a", 2, 1, 10);
    meters.produced("b", 4, 0, 40);
    meters.consumerRead(5, 50);
    meters.consumerRead("a", 5, 50);

    assertTrue(meters.perTopic());
    assertEquals(2, counter("kafka.rest.produce.records", "a"));
    assertEquals(1, counter("kafka.rest.produce.record.errors", "a"));
    assertEquals(40, counter("kafka.rest.produce.bytes", "b"));
    assertEquals(5, counter("kafka.rest.consumer.records", "a"));
    assertEquals(50, counter("kafka.rest.consumer.bytes", "a"));
    assertEquals(0, counter("kafka.rest.consumer.records", CoreMeters.OTHER), "the untopic'd total is not counted");
  }

  @Test
  void topicLabelOn_beyondTheCap_other() {
    CoreMeters meters = new CoreMeters(registry, true, 2);

    meters.produced("a", 1, 0, 1);
    meters.produced("b", 1, 0, 1);
    meters.produced("c", 1, 0, 1);
    meters.consumerRead("d", 1, 1);
    meters.produced("a", 1, 0, 1);

    Set<String> topics = registry.find("kafka.rest.produce.records").counters().stream()
        .map(c -> c.getId().getTag("topic")).collect(Collectors.toSet());
    assertEquals(Set.of("a", "b", CoreMeters.OTHER), topics);
    assertEquals(2, counter("kafka.rest.produce.records", "a"));
    assertEquals(1, counter("kafka.rest.produce.records", CoreMeters.OTHER));
    assertEquals(1, counter("kafka.rest.consumer.records", CoreMeters.OTHER));
  }

  private double counter(String name, String topic) {
    Counter counter = registry.find(name).tag("topic", topic).counter();
    return counter == null ? 0 : counter.count();
  }
}
