package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.kafkarest.server.ProxyServer;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The consumer-instance limit (issue 13): a full registry answers 429 with {@code Retry-After} in the error
 * envelope, before the process runs out of file descriptors; and an instance holds no more descriptors than
 * the limit's derivation counts for it.
 */
@ProxyTest
class InstanceLimitIT {
  /** {@code InstanceLimit.DESCRIPTORS_PER_INSTANCE} in proxy-server. */
  private static final int DESCRIPTORS_PER_INSTANCE = 6;

  private final KafkaTestClient kafka;

  InstanceLimitIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @Test
  void create_overTheLimit_answers429WithRetryAfterInTheEnvelope_untilOneIsDeleted() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of("consumer.instances.max", "2"))) {
      ProxyClient client = new ProxyClient(server.baseUri());
      String group = KafkaTestClient.uniqueName("limit");
      RestConsumer first = RestConsumer.create(client, group, "{\"name\":\"a\"}");
      RestConsumer.create(client, group, "{\"name\":\"b\"}");

      HttpResult refused = client.post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"c\"}");

      String message = assertError(refused, 429, 429, "This proxy already holds 2 consumer instances");
      assertTrue(message.contains("consumer.instances.max"), message);
      assertEquals("10", refused.header("Retry-After"), refused::toString);
      assertEquals(204, first.delete().status());
      RestConsumer third = RestConsumer.create(client, group, "{\"name\":\"c\"}");
      assertEquals(200, client.get(third.path() + "/subscription").status());
    }
  }

  /**
   * Twenty instances, each in its own group, subscribed and having read a record (so each holds its
   * selector and its sockets to the bootstrap broker, the coordinator and the partition's leader), hold at
   * most {@link #DESCRIPTORS_PER_INSTANCE} descriptors each. The proxy runs in this JVM, the broker in its own.
   */
  @Test
  void readingInstances_holdAtMostTheDescriptorsTheLimitCountsForEach() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    assumeTrue(os instanceof UnixOperatingSystemMXBean, "descriptor counts are known on Unix only");
    UnixOperatingSystemMXBean unix = (UnixOperatingSystemMXBean) os;
    String topic = kafka.createTopic("descriptors", 1);
    int count = 20;
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of())) {
      ProxyClient client = new ProxyClient(server.baseUri());
      assertEquals(200, client.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"AA==\"}]}").status());
      client.getTopics();
      long before = unix.getOpenFileDescriptorCount();
      List<RestConsumer> consumers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        RestConsumer consumer = RestConsumer.create(client, KafkaTestClient.uniqueName("fds"),
            "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
        assertEquals(204, consumer.subscribe(topic).status());
        consumer.readUntil(MediaTypes.BINARY_V2, 1, Duration.ofSeconds(30));
        consumers.add(consumer);
      }
      long held = unix.getOpenFileDescriptorCount() - before;
      System.out.printf("%d reading instances hold %d file descriptors (%.1f each)%n", count, held,
          (double) held / count);

      assertTrue(held <= (long) count * DESCRIPTORS_PER_INSTANCE, () -> count + " instances hold " + held
          + " descriptors, over " + DESCRIPTORS_PER_INSTANCE + " each");
      consumers.forEach(RestConsumer::delete);
    }
  }
}
