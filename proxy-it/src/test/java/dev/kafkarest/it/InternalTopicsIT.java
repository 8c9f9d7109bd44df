package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Produce to, consume from, delete, alter and create Kafka's internal topics are refused even with authorization
 * off, unless {@code internal.topics.access=true}; describing them is not affected. The proxy's own node directory topic is
 * refused in every case.
 */
@ProxyTest
class InternalTopicsIT {
  private static final String OFFSETS_TOPIC = "__consumer_offsets";
  /** {@code nodes.topic}'s default. */
  private static final String NODES_TOPIC = "_kafka-rest-nodes";
  private static final String RECORD = "{\"records\":[{\"value\":\"AA==\"}]}";

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  InternalTopicsIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
    kafka.ensureConsumerOffsetsTopic(kafka.createTopic("internal", 1));
  }

  @Test
  void produce_internalTopic_40301AndNothingWritten() {
    Map<Integer, Long> before = kafka.endOffsets(OFFSETS_TOPIC);

    assertRefused(proxy.produce(OFFSETS_TOPIC, MediaTypes.BINARY_V2, RECORD), "write");
    assertRefused(proxy.produce(OFFSETS_TOPIC, 0, MediaTypes.BINARY_V2, RECORD), "write");
    assertRefused(proxy.produce("__anything", MediaTypes.BINARY_V2, RECORD), "write");

    assertEquals(before, kafka.endOffsets(OFFSETS_TOPIC));
  }

  @Test
  void consume_internalTopic_40301ForSubscribeAssignSeekAndCommit() {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("internal"), "{}");

    assertRefused(consumer.subscribe(OFFSETS_TOPIC), "read");
    assertRefused(consumer.assign(OFFSETS_TOPIC, 0), "read");
    assertRefused(consumer.seek(OFFSETS_TOPIC, 0, 0), "read");
    assertRefused(consumer.seekToBeginning(OFFSETS_TOPIC, 0), "read");
    assertRefused(consumer.commit(OFFSETS_TOPIC, 0, 0), "read");
    assertEquals("[]", proxy.get(consumer.path() + "/assignments").json().get("partitions").toString());
    assertEquals(204, consumer.delete().status());
  }

  /** Deleting {@code __consumer_offsets} would lose every group's committed offsets; altering it is no better. */
  @Test
  void deleteAlterOrCreate_internalTopic_403AndTheTopicStays() {
    int partitionsBefore = kafka.describe(OFFSETS_TOPIC).partitions().size();
    String topics = "/v3/clusters/" + proxy.get("/v3/clusters").json().get("data").get(0).get("cluster_id").textValue()
        + "/topics";
    HttpResult delete = proxy.method("DELETE", topics + "/" + OFFSETS_TOPIC, BodyPublishers.noBody());
    HttpResult partitions = proxy.method("PATCH", topics + "/" + OFFSETS_TOPIC,
        BodyPublishers.ofString("{\"partitions_count\":100}"), "Content-Type", "application/json");
    HttpResult config = proxy.method("PUT", topics + "/" + OFFSETS_TOPIC + "/configs/retention.ms",
        BodyPublishers.ofString("{\"value\":\"1\"}"), "Content-Type", "application/json");
    HttpResult create = proxy.post(topics, "application/json", "{\"topic_name\":\"__made_up\"}");
    HttpResult hdInsightDelete = proxy.method("DELETE", "/v1/topics/" + OFFSETS_TOPIC, BodyPublishers.noBody());

    for (HttpResult refused : List.of(delete, partitions, config, create, hdInsightDelete)) {
      assertEquals(403, refused.status(), refused::toString);
    }
    assertTrue(kafka.topicNames(true).contains(OFFSETS_TOPIC));
    assertFalse(kafka.topicNames(true).contains("__made_up"));
    assertEquals(partitionsBefore, kafka.describe(OFFSETS_TOPIC).partitions().size());
  }

  @Test
  void describe_internalTopic_stillAnswered() {
    assertEquals(OFFSETS_TOPIC, assertOkV2(proxy.getTopic(OFFSETS_TOPIC)).get("name").textValue());
    assertOkV2(proxy.getOffsets(OFFSETS_TOPIC, 0));
  }

  @Test
  void subscribeByPattern_neverAssignsInternalTopics() {
    String topic = kafka.createTopic("pattern", 1);
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, RECORD), 1);
    // Kafka leaves out internal topics by itself unless told not to; the proxy's narrowing must hold alone.
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of("consumer.exclude.internal.topics", "false"))) {
      ProxyClient client = new ProxyClient(server.baseUri());
      RestConsumer consumer = RestConsumer.create(client, KafkaTestClient.uniqueName("pattern"),
          "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
      assertEquals(204, consumer.post("/subscription",
          "{\"topic_pattern\":\"" + OFFSETS_TOPIC + "|" + topic + "\"}").status());

      assertEquals(1, consumer.readUntil(MediaTypes.BINARY_V2, 1, Duration.ofSeconds(20)).size());

      assertEquals("[{\"topic\":\"" + topic + "\",\"partition\":0}]",
          client.get(consumer.path() + "/assignments").json().get("partitions").toString());
      assertEquals(204, consumer.delete().status());
    }
  }

  @Test
  void internalTopicsAccessOn_consumeAllowed() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of("internal.topics.access", "true"))) {
      ProxyClient client = new ProxyClient(server.baseUri());
      RestConsumer consumer = RestConsumer.create(client, KafkaTestClient.uniqueName("internal"), "{}");

      assertEquals(204, consumer.assign(OFFSETS_TOPIC, 0).status());
      assertEquals(204, consumer.seekToEnd(OFFSETS_TOPIC, 0).status());
      assertEquals(200, consumer.read(MediaTypes.BINARY_V2, 0).status());
      assertEquals(204, consumer.delete().status());
    }
  }

  @Test
  void theNodeDirectoryTopic_refusedEvenWithInternalTopicsAccessOn() {
    // A record produced there would tell every node where to forward calls (to any URL).
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of("internal.topics.access", "true"))) {
      ProxyClient client = new ProxyClient(server.baseUri());
      String node = "{\"records\":[{\"key\":\"WyJub2RlIiwibjEiXQ==\",\"value\":\"aHR0cDovLzEwLjEuMi4zL3g/\"}]}";

      assertError(client.produce(NODES_TOPIC, MediaTypes.BINARY_V2, node), 403, 40301,
          "Not authorized to write topic '" + NODES_TOPIC + "'");
      RestConsumer consumer = RestConsumer.create(client, KafkaTestClient.uniqueName("nodes"), "{}");
      assertError(consumer.subscribe(NODES_TOPIC), 403, 40301, "Not authorized to read topic '" + NODES_TOPIC + "'");
      assertEquals(204, consumer.delete().status());
    }
  }

  private static void assertRefused(HttpResult result, String operation) {
    String message = assertError(result, 403, 40301, "Not authorized to " + operation + " topic '__");
    assertTrue(message.endsWith("'"), message);
  }
}
