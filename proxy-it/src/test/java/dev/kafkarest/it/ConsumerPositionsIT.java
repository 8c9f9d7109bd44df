package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Manual assignment and seeking: by offset, timestamp, beginning and end; the kafka-topics-ui flow. */
@ProxyTest
class ConsumerPositionsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  ConsumerPositionsIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  private String topicWithValues(int partitions, String... values) {
    String topic = kafka.createTopic("pos", partitions);
    StringBuilder records = new StringBuilder();
    for (String value : values) {
      records.append(records.length() == 0 ? "" : ",").append("{\"value\":\"").append(value).append("\",\"partition\":0}");
    }
    proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[" + records + "]}");
    return topic;
  }

  @Test
  void kafkaTopicsUiFlow_assignBeginningReadDelete() {
    String topic = kafka.createTopic("ui", 2);
    proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"" + Payloads.b64("p0") + "\",\"partition\":0},"
        + "{\"value\":\"" + Payloads.b64("p1") + "\",\"partition\":1}]}");
    String group = "kafka_topics_ui_binary_" + System.nanoTime();
    RestConsumer consumer = RestConsumer.create(proxy, group,
        "{\"name\":\"kafka-topics-ui-binary\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\","
            + "\"auto.commit.enable\":\"false\"}");
    assertEquals(204, consumer.assign(topic, 0, 1).status());
    JsonNode assigned = assertOkV2(proxy.get(consumer.path() + "/assignments")).get("partitions");
    assertEquals(2, assigned.size());
    assertEquals(204, consumer.seekToBeginning(topic, 0, 1).status());

    List<JsonNode> records = consumer.readUntil(MediaTypes.BINARY_V2, 2, WAIT);
    assertEquals(2, records.size());
    assertEquals(204, consumer.delete().status());
  }

  @Test
  void seek_toOffset_nextReadStartsThere() {
    String topic = topicWithValues(1, "a", "b", "c", "d");
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{\"format\":\"json\"}");
    consumer.assign(topic, 0);
    assertEquals(204, consumer.seek(topic, 0, 2).status());
    List<JsonNode> records = consumer.readUntil(MediaTypes.JSON_V2, 2, WAIT);
    assertEquals("c", records.get(0).get("value").textValue());
    assertEquals(2, records.get(0).get("offset").longValue());
    assertEquals("d", records.get(1).get("value").textValue());
    consumer.delete();
  }

  /**
   * A seek past the end with {@code auto.offset.reset=earliest}: the instance's own fetch resets it, as a native
   * consumer's first poll does, and the reads find the records within a few reads, not after the 10 s in which a
   * quiet instance fetches once.
   */
  @Test
  void seek_pastTheEnd_resetsAsConfiguredWithinAFewReads() {
    String topic = topicWithValues(1, "a", "b");
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    consumer.assign(topic, 0);
    assertEquals(204, consumer.seek(topic, 0, 999_999).status());

    List<JsonNode> records = consumer.readUntil(MediaTypes.JSON_V2, 2, Duration.ofSeconds(8));

    assertEquals("a", records.get(0).get("value").textValue());
    consumer.delete();
  }

  @Test
  void seek_afterReading_dropsBufferedRecordsAndRereads() {
    String topic = topicWithValues(1, "a", "b", "c");
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{\"format\":\"json\"}");
    consumer.assign(topic, 0);
    consumer.seekToBeginning(topic, 0);
    assertEquals("a", consumer.readUntil(MediaTypes.JSON_V2, 3, WAIT).get(0).get("value").textValue());
    consumer.seek(topic, 0, 1);
    assertEquals("b", consumer.readUntil(MediaTypes.JSON_V2, 1, WAIT).get(0).get("value").textValue());
    consumer.delete();
  }

  @Test
  void seekToEnd_skipsExistingRecords() {
    String topic = topicWithValues(1, "old");
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    consumer.assign(topic, 0);
    assertEquals(204, consumer.seekToEnd(topic, 0).status());
    proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":\"new\"}]}");
    assertEquals("new", consumer.readUntil(MediaTypes.JSON_V2, 1, WAIT).get(0).get("value").textValue());
    consumer.delete();
  }

  @Test
  void seek_toTimestamp_readsRecordsFromThatTime() {
    String topic = topicWithValues(1, "before");
    Instant middle = Instant.now().plusMillis(5);
    Await.until(Duration.ofSeconds(5), "time to pass the middle", () -> Instant.now().isAfter(middle.plusMillis(5)));
    proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":\"after\"}]}");
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{\"format\":\"json\"}");
    consumer.assign(topic, 0);
    HttpResult seek = consumer.post("/positions", "{\"timestamps\":[{\"topic\":\"" + topic
        + "\",\"partition\":0,\"timestamp\":\"" + middle + "\"}]}");
    assertEquals(204, seek.status(), seek::toString);
    List<JsonNode> records = consumer.readUntil(MediaTypes.JSON_V2, 1, WAIT);
    assertEquals("after", records.get(0).get("value").textValue());
    consumer.delete();
  }

  @Test
  void seek_unassignedPartition_returns40903() {
    String topic = kafka.createTopic("unassigned", 2);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    consumer.assign(topic, 0);
    assertError(consumer.seek(topic, 1, 0), 409, 40903);
    assertError(consumer.seekToBeginning(topic, 1), 409, 40903);
    assertError(consumer.seekToEnd(topic, 1), 409, 40903);
    consumer.delete();
  }

  @Test
  void positions_badBodies_return422() {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    assertError(consumer.post("/assignments", "{\"partitions\":[{\"topic\":\"t\"}]}"), 422, 422);
    assertError(proxy.post(consumer.path() + "/assignments", MediaTypes.V2, ""), 422, 422);
    assertError(proxy.post(consumer.path() + "/positions/beginning", MediaTypes.V2, ""), 422, 422);
    assertError(consumer.post("/positions", "{\"timestamps\":[{\"topic\":\"t\",\"partition\":0,\"timestamp\":\"yesterday\"}]}"),
        422, 422);
    assertError(consumer.post("/positions", "{\"offsets\":[{\"topic\":\"t\",\"partition\":0,\"offset\":-5}]}"), 422, 422);
    consumer.delete();
  }

  @Test
  void assign_whileSubscribed_returns40903() {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    consumer.subscribe("some-topic");
    assertError(consumer.assign("some-topic", 0), 409, 40903);
    consumer.delete();
  }
}
