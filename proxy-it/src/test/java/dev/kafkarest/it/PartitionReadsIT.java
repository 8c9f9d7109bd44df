package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Stateless reads by offset ({@code GET /topics/{t}/partitions/{p}/records}) and Confluent v1's simple read
 * ({@code .../messages}): start, middle and end of a partition, the wait for new data, and bad input.
 */
@ProxyTest
class PartitionReadsIT {
  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  PartitionReadsIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  /** A topic with five binary records, values "v0" to "v4". */
  private String topicWithFive() {
    String topic = kafka.createTopic("reads", 1);
    StringBuilder body = new StringBuilder("{\"records\":[");
    for (int i = 0; i < 5; i++) {
      body.append(i == 0 ? "" : ",").append("{\"key\":\"").append(Payloads.b64("k" + i)).append("\",\"value\":\"")
          .append(Payloads.b64("v" + i)).append("\"}");
    }
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2, body.append("]}").toString()).status());
    return topic;
  }

  private HttpResult read(String topic, String query, String accept) {
    return proxy.get("/topics/" + topic + "/partitions/0/records?" + query, "Accept", accept);
  }

  private static List<Long> offsets(HttpResult result) {
    List<Long> offsets = new ArrayList<>();
    result.json().forEach(record -> offsets.add(record.get("offset").longValue()));
    return offsets;
  }

  @Test
  void read_startMiddleAndEnd_followsNextOffset() {
    String topic = topicWithFive();

    HttpResult start = read(topic, "offset=0&count=2", MediaTypes.BINARY_V2);
    assertEquals(200, start.status(), start::toString);
    assertEquals(MediaTypes.BINARY_V2, start.mediaType());
    assertEquals(List.of(0L, 1L), offsets(start));
    assertEquals("v0", Payloads.utf8(java.util.Base64.getDecoder().decode(start.json().get(0).get("value").textValue())));
    assertEquals(topic, start.json().get(0).get("topic").textValue());
    assertEquals("2", start.header("NextOffset"));

    HttpResult middle = read(topic, "offset=" + start.header("NextOffset") + "&count=100", MediaTypes.BINARY_V2);
    assertEquals(List.of(2L, 3L, 4L), offsets(middle));
    assertEquals("5", middle.header("NextOffset"));

    HttpResult end = read(topic, "offset=5", MediaTypes.BINARY_V2);
    assertEquals(200, end.status());
    assertEquals("[]", end.body());
    assertEquals("5", end.header("NextOffset"));
  }

  @Test
  void read_namedEnds_resolveToEarliestAndLatest() {
    String topic = topicWithFive();
    kafka.deleteRecordsBefore(topic, 0, 2);

    assertEquals(List.of(2L), offsets(read(topic, "offset=earliest&count=1", MediaTypes.BINARY_V2)));
    assertEquals(List.of(2L), offsets(read(topic, "offset=-2&count=1", MediaTypes.BINARY_V2)));
    HttpResult latest = read(topic, "offset=latest", MediaTypes.BINARY_V2);
    assertEquals("[]", latest.body());
    assertEquals("5", latest.header("NextOffset"));
    assertEquals("5", read(topic, "offset=-1", MediaTypes.BINARY_V2).header("NextOffset"));
  }

  @Test
  void read_atTheEndWithTimeout_answersWhenARecordArrives() throws Exception {
    String topic = topicWithFive();
    CompletableFuture<HttpResult> pending = CompletableFuture.supplyAsync(
        () -> read(topic, "offset=5&timeout=15000", MediaTypes.JSON_V2));
    Thread.sleep(500);
    assertFalse(pending.isDone(), () -> "answered before any record was produced: " + pending.join());

    long produced = System.nanoTime();
    assertEquals(200, proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":{\"new\":true}}]}").status());
    HttpResult result = pending.get(20, TimeUnit.SECONDS);
    long waitedMs = (System.nanoTime() - produced) / 1_000_000;

    assertEquals(200, result.status(), result::toString);
    assertEquals(MediaTypes.JSON_V2, result.mediaType());
    assertTrue(result.json().get(0).get("value").get("new").booleanValue());
    assertEquals("6", result.header("NextOffset"));
    assertTrue(waitedMs < 5_000, "the read should answer when data arrives, not at its timeout: " + waitedMs);
  }

  @Test
  void read_atATransactionMarker_answersAtOnceWithNextOffsetPastIt() {
    String topic = kafka.createTopic("markers", 1);
    Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaTestClient.uniqueName("tx"),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, null, Payloads.utf8("v0")));
      producer.commitTransaction();
    }
    // Offset 0 holds the record, offset 1 the commit marker: the partition ends at 2 once the transaction
    // coordinator has written the marker, which it does after commitTransaction returns.
    Await.until(Duration.ofSeconds(10), "the commit marker to be written",
        () -> kafka.endOffsets(topic).get(0) == 2L);
    long start = System.nanoTime();
    HttpResult result = read(topic, "offset=1", MediaTypes.BINARY_V2);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(200, result.status(), result::toString);
    assertEquals("[]", result.body());
    assertEquals("2", result.header("NextOffset"), "the next read starts past the marker");
    assertTrue(tookMs < 8_000, "a read at a marker waited " + tookMs + " ms for a record that never comes");
  }

  @Test
  void read_outOfRange_is416NamingTheRange() {
    String topic = topicWithFive();
    kafka.deleteRecordsBefore(topic, 0, 2);

    for (String offset : List.of("6", "1")) {
      HttpResult result = read(topic, "offset=" + offset, MediaTypes.BINARY_V2);
      assertEquals(416, result.status(), result::toString);
      assertEquals(41601, result.json().get("error_code").intValue());
      assertTrue(result.json().get("message").textValue().contains("2 to 5"), result::toString);
    }
  }

  @Test
  void read_unknownTopicOrPartition_is404() {
    String topic = topicWithFive();

    HttpResult noTopic = read(KafkaTestClient.uniqueName("missing"), "offset=0", MediaTypes.BINARY_V2);
    assertEquals(404, noTopic.status(), noTopic::toString);
    assertEquals(40401, noTopic.json().get("error_code").intValue());
    HttpResult noPartition = proxy.get("/topics/" + topic + "/partitions/7/records?offset=0");
    assertEquals(404, noPartition.status(), noPartition::toString);
    assertEquals(40402, noPartition.json().get("error_code").intValue());
  }

  @Test
  void read_badParameters_are400NamingTheParameter() {
    String topic = topicWithFive();

    for (String query : List.of("offset=0&count=0", "offset=0&count=-3", "offset=0&count=99999999",
        "offset=0&count=many", "offset=soon", "count=1", "offset=-7", "offset=0&timeout=x")) {
      HttpResult result = read(topic, query, MediaTypes.BINARY_V2);
      assertEquals(400, result.status(), () -> query + ": " + result);
      assertEquals(400, result.json().get("error_code").intValue());
      String message = result.json().get("message").textValue();
      assertTrue(message.contains("count") || message.contains("offset") || message.contains("timeout"), message);
    }
  }

  @Test
  void messages_v1SimpleRead_answersV1ShapeAndType() {
    String topic = topicWithFive();

    HttpResult one = proxy.get("/topics/" + topic + "/partitions/0/messages?offset=1", "Accept", MediaTypes.BINARY_V1);
    assertEquals(200, one.status(), one::toString);
    assertEquals(MediaTypes.BINARY_V1, one.mediaType());
    assertEquals(1, one.json().size());
    JsonNode record = one.json().get(0);
    assertNull(record.get("topic"));
    assertEquals(1, record.get("offset").longValue());
    assertEquals(Payloads.b64("k1"), record.get("key").textValue());

    HttpResult three = proxy.get("/topics/" + topic + "/partitions/0/messages?offset=2&count=3", "Accept",
        MediaTypes.V1);
    assertEquals(MediaTypes.BINARY_V1, three.mediaType());
    assertEquals(List.of(2L, 3L, 4L), offsets(three));
  }
}
