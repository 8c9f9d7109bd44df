package dev.kafkarest.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Confluent's v1 calls as old scripts send them: v1 media types on produce, consumer instances named with
 * {@code id} and {@code smallest}, {@code auto.commit.enable} as a string or a boolean, and the high-level
 * read {@code GET /consumers/{g}/instances/{i}/topics/{t}}.
 */
@ProxyTest
class ConfluentV1IT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  ConfluentV1IT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void produceToPartition_v1BinaryType_isStoredAndAnsweredAsV1() {
    String topic = kafka.createTopic("v1-produce", 2);

    HttpResult result = proxy.produce(topic, 1, MediaTypes.BINARY_V1,
        "{\"records\":[{\"key\":\"" + Payloads.b64("k") + "\",\"value\":\"" + Payloads.b64("hello") + "\"}]}",
        "Accept", MediaTypes.V1);

    assertEquals(200, result.status(), result::toString);
    assertEquals(MediaTypes.V1, result.mediaType());
    assertEquals(1, result.json().get("offsets").get(0).get("partition").intValue());
    List<ConsumerRecord<byte[], byte[]>> stored = kafka.readAll(topic);
    assertEquals("hello", new String(stored.get(0).value(), UTF_8));
    assertEquals(1, stored.get(0).partition());
  }

  @Test
  void produce_v1JsonType_isStoredAsJson() {
    String topic = kafka.createTopic("v1-json", 1);

    HttpResult result = proxy.produce(topic, MediaTypes.JSON_V1, "{\"records\":[{\"value\":{\"a\":[1,2]}}]}",
        "Accept", MediaTypes.V1);

    assertEquals(200, result.status(), result::toString);
    assertEquals("{\"a\":[1,2]}", new String(kafka.readAll(topic).get(0).value(), UTF_8));
  }

  @Test
  void highLevelRead_instanceNamedWithIdAndSmallest_subscribesAndReadsFromTheStart() {
    String topic = kafka.createTopic("v1-read", 1);
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V1, "{\"records\":[{\"value\":\""
        + Payloads.b64("first") + "\"},{\"value\":\"" + Payloads.b64("second") + "\"}]}").status());
    String group = KafkaTestClient.uniqueName("v1-group");

    HttpResult created = proxy.post("/consumers/" + group, MediaTypes.V1,
        "{\"id\":\"legacy\",\"format\":\"binary\",\"auto.offset.reset\":\"smallest\",\"auto.commit.enable\":\"false\"}",
        "Accept", MediaTypes.V1);
    assertEquals(200, created.status(), created::toString);
    assertEquals("legacy", created.json().get("instance_id").textValue());
    assertEquals(MediaTypes.V1, created.mediaType());

    String instance = "/consumers/" + group + "/instances/legacy";
    List<JsonNode> records = new ArrayList<>();
    Await.until(WAIT, "both records through the v1 high-level read", () -> {
      HttpResult read = proxy.get(instance + "/topics/" + topic + "?timeout=1000", "Accept", MediaTypes.BINARY_V1);
      assertEquals(200, read.status(), read::toString);
      assertEquals(MediaTypes.BINARY_V1, read.mediaType());
      read.json().forEach(records::add);
      return records.size() >= 2;
    });
    assertEquals(Payloads.b64("first"), records.get(0).get("value").textValue());
    assertEquals(0, records.get(0).get("offset").longValue());

    String other = kafka.createTopic("v1-other", 1);
    HttpResult second = proxy.get(instance + "/topics/" + other + "?timeout=0", "Accept", MediaTypes.BINARY_V1);
    assertEquals(409, second.status(), second::toString);
    assertEquals(40903, second.json().get("error_code").intValue());

    assertEquals(204, proxy.method("DELETE", instance, java.net.http.HttpRequest.BodyPublishers.noBody(),
        "Content-Type", MediaTypes.V1).status());
  }

  @Test
  void createConsumer_autoCommitEnableAsBooleanAndLargest_isAccepted() {
    String group = KafkaTestClient.uniqueName("v1-group");

    HttpResult created = proxy.post("/consumers/" + group, MediaTypes.V1,
        "{\"id\":\"b\",\"format\":\"json\",\"auto.offset.reset\":\"largest\",\"auto.commit.enable\":true}");

    assertEquals(200, created.status(), created::toString);
    assertTrue(created.json().get("base_uri").textValue().endsWith("/consumers/" + group + "/instances/b"));
    assertEquals(204, proxy.method("DELETE", "/consumers/" + group + "/instances/b",
        java.net.http.HttpRequest.BodyPublishers.noBody()).status());
  }

  @Test
  void simpleRead_hdinsightSampleValues_binaryGivesTheStoredBytes_jsonRefusesTextKeysAndReadsJsonValues() {
    String topic = kafka.createTopic("v1-hdi-values", 1);
    assertEquals(200, proxy.post("/v1/producer/topics/" + topic, "application/json", HdInsightIT.SIX_RECORDS)
        .status());
    String messages = "/topics/" + topic + "/partitions/0/messages";

    HttpResult binary = proxy.get(messages + "?offset=0&count=6", "Accept", MediaTypes.BINARY_V1);
    assertEquals(200, binary.status(), binary::toString);
    assertEquals(MediaTypes.BINARY_V1, binary.mediaType());
    List<String> values = new ArrayList<>();
    binary.json().forEach(r -> values.add(new String(Base64.getDecoder().decode(r.get("value").textValue()), UTF_8)));
    assertEquals(HdInsightIT.STORED, values);
    assertEquals(Payloads.b64("key1"), binary.json().get(0).get("key").textValue());

    // Strings (the keys, the first value) are stored as their text, which the json format cannot read: a clear 408.
    HttpResult notJson = proxy.get(messages + "?offset=1&count=5", "Accept", MediaTypes.JSON_V1);
    assertEquals(408, notJson.status(), notJson::toString);
    assertEquals(40801, notJson.json().get("error_code").intValue());
    assertTrue(notJson.json().get("message").textValue().contains("offset 1"), notJson::toString);

    // Without keys, the five other values are JSON values to the json format.
    assertEquals(200, proxy.post("/v1/producer/topics/" + topic, "application/json", HdInsightIT.SIX_RECORDS
        .replaceAll("\\{\"key\":\"key[0-9]\",", "{")).status());
    HttpResult json = proxy.get(messages + "?offset=7&count=5", "Accept", MediaTypes.JSON_V1);
    assertEquals(200, json.status(), json::toString);
    assertEquals(MediaTypes.JSON_V1, json.mediaType());
    List<JsonNode> expected = new ArrayList<>();
    for (String stored : HdInsightIT.STORED.subList(1, 6)) {
      expected.add(parse(stored));
    }
    List<JsonNode> read = new ArrayList<>();
    json.json().forEach(r -> read.add(r.get("value")));
    assertEquals(expected, read);
    assertTrue(json.json().get(0).get("key").isNull(), json::toString);
  }

  @Test
  void autoCommitEnable_stringOrBoolean_decidesWhatANativeClientSeesCommitted() {
    String topic = kafka.createTopic("v1-autocommit", 1);
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V1, "{\"records\":[{\"value\":\"" + Payloads.b64("a")
        + "\"},{\"value\":\"" + Payloads.b64("b") + "\"},{\"value\":\"" + Payloads.b64("c") + "\"}]}").status());

    for (String enable : List.of("\"true\"", "true", "\"false\"", "false")) {
      String group = KafkaTestClient.uniqueName("v1-autocommit");
      RestConsumer consumer = RestConsumer.create(proxy, group, "{\"id\":\"c\",\"format\":\"binary\","
          + "\"auto.offset.reset\":\"smallest\",\"auto.commit.enable\":" + enable + "}");
      assertEquals(204, consumer.subscribe(topic).status());
      List<JsonNode> records = consumer.readUntil(MediaTypes.BINARY_V1, 3, WAIT);
      assertEquals(0, records.get(0).get("offset").longValue(), "smallest reads from the start");
      assertEquals(204, consumer.delete().status());

      Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
      if (enable.contains("true")) {
        assertEquals(3, committed.get(new TopicPartition(topic, 0)).offset(), () -> enable + ": " + committed);
      } else {
        assertTrue(committed.isEmpty(), () -> enable + " committed " + committed);
      }
    }
  }

  @Test
  void largest_readsOnlyWhatArrivesAfterTheAssignment_andCommitsPastIt() {
    String topic = kafka.createTopic("v1-largest", 1);
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V1, "{\"records\":[{\"value\":\"" + Payloads.b64("old")
        + "\"}]}").status());
    String group = KafkaTestClient.uniqueName("v1-largest");
    RestConsumer consumer = RestConsumer.create(proxy, group, "{\"id\":\"l\",\"format\":\"binary\","
        + "\"auto.offset.reset\":\"largest\",\"auto.commit.enable\":\"true\"}");
    assertEquals(204, consumer.subscribe(topic).status());
    Await.until(WAIT, "the instance is assigned its partition", () -> {
      HttpResult read = consumer.read(MediaTypes.BINARY_V1, 500);
      assertEquals(0, read.json().size(), read::toString);
      return !kafka.groupAssignment(group).isEmpty();
    });
    assertEquals(0, consumer.read(MediaTypes.BINARY_V1, 1000).json().size(), "nothing before the end");

    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V1, "{\"records\":[{\"value\":\"" + Payloads.b64("new")
        + "\"}]}").status());
    List<JsonNode> records = consumer.readUntil(MediaTypes.BINARY_V1, 1, WAIT);
    assertEquals(Payloads.b64("new"), records.get(0).get("value").textValue());
    assertEquals(1, records.get(0).get("offset").longValue());
    assertEquals(204, consumer.delete().status());

    assertEquals(2, committed(group).get(new TopicPartition(topic, 0)).offset());
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
    try {
      return kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return HttpResult.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
