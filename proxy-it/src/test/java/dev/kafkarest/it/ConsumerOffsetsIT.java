package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.server.ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commit and committed-offset semantics, and no loss or duplicates across a proxy restart. */
@ProxyTest
class ConsumerOffsetsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  ConsumerOffsetsIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  private String topicWith(int count) {
    String topic = kafka.createTopic("offsets", 1);
    StringBuilder records = new StringBuilder();
    for (int i = 0; i < count; i++) {
      records.append(i == 0 ? "" : ",").append("{\"value\":").append(i).append('}');
    }
    proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[" + records + "]}");
    return topic;
  }

  @Test
  void commit_explicitOffset_storesOffsetPlusOne() {
    String topic = topicWith(1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    HttpResult commit = consumer.commit(topic, 0, 20);
    assertEquals(200, commit.status());
    assertEquals("[]", commit.body());
    JsonNode offsets = assertOkV2(consumer.committed(topic, 0)).get("offsets");
    assertEquals(1, offsets.size());
    assertEquals(topic, offsets.get(0).get("topic").textValue());
    assertEquals(0, offsets.get(0).get("partition").intValue());
    assertEquals(21, offsets.get(0).get("offset").longValue());
    assertEquals("", offsets.get(0).get("metadata").textValue());
    consumer.delete();
  }

  @Test
  void commit_offsetMinusOne_meansNothingProcessedAndStoresZero() {
    String topic = topicWith(1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");

    assertEquals(200, consumer.commit(topic, 0, -1).status());

    JsonNode offsets = assertOkV2(consumer.committed(topic, 0)).get("offsets");
    assertEquals(0, offsets.get(0).get("offset").longValue());
    consumer.delete();
  }

  @Test
  void committed_neverCommittedPartition_isOmitted() {
    String topic = kafka.createTopic("never", 2);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    consumer.commit(topic, 0, 4);
    JsonNode offsets = assertOkV2(consumer.committed(topic, 0, 1)).get("offsets");
    assertEquals(1, offsets.size());
    assertEquals(0, offsets.get(0).get("partition").intValue());
    consumer.delete();
  }

  @Test
  void committed_partitionsAsQueryParameters_work() {
    String topic = topicWith(1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    consumer.commit(topic, 0, 0);
    JsonNode offsets = assertOkV2(proxy.get(consumer.path() + "/offsets?partitions=" + topic + ":0")).get("offsets");
    assertEquals(1, offsets.get(0).get("offset").longValue());
    assertError(proxy.get(consumer.path() + "/offsets"), 422, 422);
    consumer.delete();
  }

  @Test
  void commit_withoutBody_commitsOnlyWhatWasReturned() {
    String topic = topicWith(10);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
    consumer.subscribe(topic);
    List<JsonNode> firstBatch = new ArrayList<>();
    Await.until(WAIT, "a first, partial batch", () -> {
      HttpResult result = consumer.read(MediaTypes.JSON_V2, 1000, 1);
      result.json().forEach(firstBatch::add);
      return !firstBatch.isEmpty();
    });
    assertEquals(1, firstBatch.size(), "max_bytes=1 returns one 1-byte record: " + firstBatch);
    assertEquals(200, consumer.commit().status());
    long committed = assertOkV2(consumer.committed(topic, 0)).get("offsets").get(0).get("offset").longValue();
    assertEquals(firstBatch.get(firstBatch.size() - 1).get("offset").longValue() + 1, committed);
    consumer.delete();
  }

  @Test
  void commit_async_returns200() {
    String topic = topicWith(1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    HttpResult result = proxy.post(consumer.path() + "/offsets?async=true", MediaTypes.V2,
        "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0}]}");
    assertEquals(200, result.status());
    Await.until(WAIT, "the async commit to land", () -> consumer.committed(topic, 0).json().get("offsets").size() == 1);
    consumer.delete();
  }

  @Test
  void restart_clientCommittingWhatItProcessed_losesNothingAndReadsNothingTwice() {
    String topic = topicWith(6);
    String group = KafkaTestClient.uniqueName("restart");
    List<Long> seen = new ArrayList<>();
    try (ProxyServer first = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of())) {
      ProxyClient client = new ProxyClient(first.baseUri());
      RestConsumer consumer = RestConsumer.create(client, group,
          "{\"name\":\"worker\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
      consumer.subscribe(topic);
      Await.until(WAIT, "three records", () -> {
        consumer.read(MediaTypes.JSON_V2, 1000, 1).json().forEach(r -> seen.add(r.get("offset").longValue()));
        return seen.size() >= 3;
      });
      assertEquals(200, consumer.commit().status());
    }
    try (ProxyServer second = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of())) {
      ProxyClient client = new ProxyClient(second.baseUri());
      RestConsumer consumer = RestConsumer.create(client, group,
          "{\"name\":\"worker\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
      consumer.subscribe(topic);
      consumer.readUntil(MediaTypes.JSON_V2, 6 - seen.size(), WAIT)
          .forEach(r -> seen.add(r.get("offset").longValue()));
      consumer.delete();
    }
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), seen, "every record exactly once, in order");
  }
}
