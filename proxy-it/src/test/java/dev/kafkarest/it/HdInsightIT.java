package dev.kafkarest.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The HDInsight {@code /v1} API, replaying the calls of its Python sample client in order (create a topic
 * with properties, wait until listed, produce six mixed values, consume two at a time following {@code
 * NextOffset}, partition metadata), checking with a native Kafka consumer what was stored; then bad input.
 */
@ProxyTest
class HdInsightIT {
  private static final String JSON = "application/json";
  /** The sample's six values: a string, an integer, a float, an object, a list of objects, a nested object. */
  private static final String SIX_RECORDS = """
      {"records":[
        {"key":"key1","value":"value1"},
        {"key":"key2","value":42},
        {"key":"key3","value":3.14},
        {"key":"key4","value":{"name":"n","id":7}},
        {"key":"key5","value":[{"a":1},{"b":"two"}]},
        {"key":"key6","value":{"field with spaces":{"inner field":[1, 2.50, true, null]}}}
      ]}""";
  private static final List<String> STORED = List.of("value1", "42", "3.14", "{\"name\":\"n\",\"id\":7}",
      "[{\"a\":1},{\"b\":\"two\"}]", "{\"field with spaces\":{\"inner field\":[1,2.50,true,null]}}");

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  HdInsightIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  private HttpResult put(String path, String body) {
    return proxy.send(proxy.request(path).header("Content-Type", JSON).PUT(BodyPublishers.ofString(body)).build());
  }

  private HttpResult delete(String path) {
    return proxy.send(proxy.request(path).DELETE().build());
  }

  @Test
  void sampleSequence_createProduceConsume_storesAndReturnsEveryValue() {
    String topic = KafkaTestClient.uniqueName("hdi");

    HttpResult created = put("/v1/topics/" + topic, "{\"partition_count\":1,\"replication_factor\":1,"
        + "\"topic_properties\":{\"retention.ms\":604800000,\"min.insync.replicas\":\"1\"}}");
    assertEquals(200, created.status(), created::toString);
    HttpResult topics = proxy.get("/v1/metadata/topics", "Content-Type", JSON);
    assertEquals(200, topics.status());
    List<String> names = new ArrayList<>();
    topics.json().get("topics").forEach(name -> names.add(name.textValue()));
    assertTrue(names.contains(topic), "a created topic is listed by the next call: " + names);
    assertEquals("604800000", kafka.topicConfigs(topic).get("retention.ms"));

    HttpResult produced = proxy.post("/v1/producer/topics/" + topic, JSON, SIX_RECORDS);
    assertEquals(200, produced.status(), produced::toString);
    assertEquals(6, produced.json().get("offsets").size());
    for (JsonNode result : produced.json().get("offsets")) {
      assertTrue(result.get("offset").isNumber(), produced::toString);
    }

    List<ConsumerRecord<byte[], byte[]>> stored = kafka.readAll(topic);
    assertEquals(STORED, stored.stream().map(r -> new String(r.value(), UTF_8)).toList());
    assertEquals("key1", new String(stored.get(0).key(), UTF_8));

    List<JsonNode> consumed = new ArrayList<>();
    long offset = 0;
    for (int round = 0; round < 10; round++) {
      HttpResult page = proxy.get("/v1/consumer/topics/" + topic + "/partitions/0/offsets/" + offset + "?count=2",
          "Content-Type", JSON);
      assertEquals(200, page.status(), page::toString);
      String next = page.header("NextOffset");
      assertNotNull(next, "NextOffset on every 200");
      JsonNode records = page.json().get("records");
      records.forEach(consumed::add);
      assertTrue(records.size() <= 2);
      if (records.isEmpty() || Long.parseLong(next) == offset) {
        assertEquals(String.valueOf(offset), next);
        break;
      }
      offset = Long.parseLong(next);
    }
    assertEquals(STORED, consumed.stream().map(r -> r.get("value").textValue()).toList());
    JsonNode first = consumed.get(0);
    assertEquals("key1", first.get("key").textValue());
    assertEquals(0, first.get("partition").intValue());
    assertEquals("CreateTime", first.get("timestampType").textValue());
    assertTrue(first.get("timestamp").longValue() > 0);

    HttpRequest bare = proxy.request("/v1/metadata/topics/" + topic + "/partitions/0").GET().build();
    HttpResult partition = proxy.send(bare);
    assertEquals(200, partition.status(), partition::toString);
    assertEquals(0, partition.json().get("partition_id").intValue());
    assertEquals(0, partition.json().get("earliest_offset").longValue());
    assertEquals(6, partition.json().get("latest_offset").longValue());
    assertEquals(1, partition.json().get("replicas").size());
    assertEquals(1, partition.json().get("isr").size());
    assertTrue(partition.json().get("leader").get("port").intValue() > 0);

    HttpResult partitions = proxy.get("/v1/metadata/topics/" + topic + "/partitions");
    assertEquals(topic, partitions.json().get("topic").textValue());
    assertEquals(1, partitions.json().get("partitions").size());
    HttpResult brokers = proxy.get("/v1/metadata/brokers");
    assertEquals(kafka.brokerIds().size(), brokers.json().get("brokers").size());

    assertEquals(200, delete("/v1/topics/" + topic).status());
  }

  @Test
  void createTopic_existing_is409With40904() {
    String topic = kafka.createTopic("hdi-exists", 1);

    HttpResult again = put("/v1/topics/" + topic, "{}");

    assertEquals(409, again.status(), again::toString);
    assertEquals(40904, again.json().get("error_code").intValue());
  }

  @Test
  void createTopic_badInput_is4xxNamingTheProblem() {
    String topic = KafkaTestClient.uniqueName("hdi-bad");

    HttpResult property = put("/v1/topics/" + topic, "{\"topic_properties\":{\"no.such.property\":\"1\"}}");
    assertEquals(400, property.status(), property::toString);
    assertTrue(property.json().get("message").textValue().contains("no.such.property"), property::toString);

    HttpResult badValue = put("/v1/topics/" + topic, "{\"topic_properties\":{\"retention.ms\":\"soon\"}}");
    assertEquals(400, badValue.status(), badValue::toString);
    assertTrue(badValue.json().get("message").textValue().contains("retention.ms"), badValue::toString);

    int brokers = kafka.brokerIds().size();
    HttpResult replication = put("/v1/topics/" + topic, "{\"replication_factor\":" + (brokers + 1) + "}");
    assertEquals(400, replication.status(), replication::toString);

    HttpResult notJson = put("/v1/topics/" + topic, "partition_count=1");
    assertEquals(400, notJson.status(), notJson::toString);
    assertEquals(400, notJson.json().get("error_code").intValue());
  }

  @Test
  void deleteTopic_missing_is404() {
    HttpResult result = delete("/v1/topics/" + KafkaTestClient.uniqueName("hdi-none"));

    assertEquals(404, result.status(), result::toString);
    assertEquals(40401, result.json().get("error_code").intValue());
  }

  @Test
  void produce_badBodies_are4xx() {
    String topic = kafka.createTopic("hdi-produce", 1);

    HttpResult notJson = proxy.post("/v1/producer/topics/" + topic, JSON, "value=1");
    assertEquals(400, notJson.status(), notJson::toString);
    HttpResult noRecords = proxy.post("/v1/producer/topics/" + topic, JSON, "{\"records\":[]}");
    assertEquals(422, noRecords.status(), noRecords::toString);
    HttpResult missing = proxy.post("/v1/producer/topics/" + KafkaTestClient.uniqueName("hdi-none"), JSON,
        "{\"records\":[{\"value\":1}]}");
    assertEquals(404, missing.status(), missing::toString);
  }

  @Test
  void consume_badInput_isRefusedClearly() {
    String topic = kafka.createTopic("hdi-consume", 1);
    assertEquals(200, proxy.post("/v1/producer/topics/" + topic, JSON, "{\"records\":[{\"value\":\"a\"}]}").status());
    String base = "/v1/consumer/topics/" + topic + "/partitions/";

    for (String count : List.of("0", "-1", "99999999")) {
      HttpResult result = proxy.get(base + "0/offsets/0?count=" + count);
      assertEquals(400, result.status(), () -> count + ": " + result);
      assertTrue(result.json().get("message").textValue().contains("count"));
    }
    HttpResult beyond = proxy.get(base + "0/offsets/5");
    assertEquals(416, beyond.status(), beyond::toString);
    assertTrue(beyond.json().get("message").textValue().contains("0 to 1"), beyond::toString);
    assertEquals(404, proxy.get(base + "3/offsets/0").status());
    assertEquals(404, proxy.get("/v1/consumer/topics/" + KafkaTestClient.uniqueName("hdi-none")
        + "/partitions/0/offsets/0").status());

    HttpResult end = proxy.get(base + "0/offsets/1?count=5");
    assertEquals(200, end.status());
    assertEquals("1", end.header("NextOffset"));
    assertEquals(0, end.json().get("records").size());
  }

  @Test
  void metadata_unknownTopicOrPartition_is404() {
    String topic = kafka.createTopic("hdi-meta", 1);

    assertEquals(404, proxy.get("/v1/metadata/topics/" + topic + "/partitions/4").status());
    assertEquals(404, proxy.get("/v1/metadata/topics/" + KafkaTestClient.uniqueName("hdi-none") + "/partitions")
        .status());
  }
}
