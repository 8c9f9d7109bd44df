package dev.kafkarest.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
}
