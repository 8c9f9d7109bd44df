package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request validation on produce, configured through the proxy's settings: per-topic JSON Schemas for json
 * values ({@code produce.value.schema.topic.*}, {@code produce.value.schema.prefix.*}), a records-per-request
 * limit ({@code produce.records.max}) and Kafka's topic-name rules. A refused request produces nothing,
 * which a native Kafka consumer confirms. Runs its own proxy against the shared broker.
 */
@ProxyTest
class SchemaValidationIT {
  private static final String ORDER_SCHEMA = """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"id": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}},
        "required": ["id", "qty"]
      }""";
  private static final int MAX_RECORDS = 5;

  private static ProxyServer validatingProxy;
  private static ProxyClient proxy;
  private static String orders = "";
  private static String sensorPrefix = "";

  private final KafkaTestClient kafka;

  SchemaValidationIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void startValidatingProxy(TestBroker broker, KafkaTestClient kafka) throws IOException {
    Path schemas = Files.createTempDirectory("schemas");
    Path orderSchema = Files.writeString(schemas.resolve("orders.schema.json"), ORDER_SCHEMA, StandardCharsets.UTF_8);
    Path sensorSchema = Files.writeString(schemas.resolve("sensor.schema.json"),
        "{\"type\": \"number\", \"maximum\": 100}", StandardCharsets.UTF_8);
    orders = KafkaTestClient.uniqueName("schema-orders");
    kafka.createTopic(orders);
    sensorPrefix = KafkaTestClient.uniqueName("schema-sensors") + "-";
    validatingProxy = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "produce.records.max", Integer.toString(MAX_RECORDS),
        "produce.value.schema.topic." + orders, orderSchema.toString(),
        "produce.value.schema.prefix." + sensorPrefix, sensorSchema.toString()));
    proxy = new ProxyClient(validatingProxy.baseUri());
  }

  @AfterAll
  static void stopValidatingProxy() {
    if (validatingProxy != null) {
      validatingProxy.close();
    }
  }

  @Test
  void matchingValues_areProduced() {
    String body = "{\"records\": [{\"value\": {\"id\": \"o-1\", \"qty\": 2}}, {\"key\": \"k\", \"value\": {\"id\": \"o-2\", \"qty\": 1}}]}";

    assertProduced(proxy.produce(orders, MediaTypes.JSON_V2, body), 2);

    List<String> values = kafka.readAll(orders).stream().map(SchemaValidationIT::value).toList();
    assertTrue(values.contains("{\"id\":\"o-1\",\"qty\":2}") && values.contains("{\"id\":\"o-2\",\"qty\":1}"),
        values.toString());
  }

  @Test
  void oneValueBreaksTheSchema_returns42210ListingIndexAndPointer_andNothingIsProduced() {
    String topic = kafka.createTopic(sensorPrefix + "eu", 2);
    String body = "{\"records\": [{\"value\": 12.5}, {\"value\": 101}, {\"value\": 7}, {\"value\": \"hot\"}]}";

    String message = assertError(proxy.produce(topic, MediaTypes.JSON_V2, body), 422, 42210,
        "Record values do not match the JSON Schema of topic " + topic + ", nothing was produced:");
    assertError(proxy.produce(topic, 1, MediaTypes.JSON_V2, body), 422, 42210);

    assertTrue(message.contains("records[1].value at \"\": must have a maximum value of 100"), message);
    assertTrue(message.contains("records[3].value at \"\": string found, number expected"), message);
    assertFalse(message.contains("records[0]") || message.contains("records[2]"), message);
    assertEquals(List.of(), kafka.readAll(topic));
  }

  @Test
  void nestedValueBreaksTheSchema_pointsIntoTheValue() {
    String topic = orders;
    long before = kafka.recordCount(topic);
    String body = "{\"records\": [{\"value\": {\"id\": \"o-3\", \"qty\": 1}}, {\"value\": {\"id\": 7, \"qty\": 0}}]}";

    String message = assertError(proxy.produce(topic, MediaTypes.JSON_V2, body), 422, 42210);

    assertTrue(message.contains("records[1].value at \"/id\": integer found, string expected"), message);
    assertTrue(message.contains("records[1].value at \"/qty\": must have a minimum value of 1"), message);
    assertEquals(before, kafka.recordCount(topic), "nothing of the refused request is in Kafka");
  }

  @Test
  void binaryValues_areNotChecked() {
    String topic = kafka.createTopic(sensorPrefix + "raw", 1);

    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\": [{\"value\": \"aG90\"}]}"), 1);

    assertEquals(List.of("hot"), kafka.readAll(topic).stream().map(SchemaValidationIT::value).toList());
  }

  @Test
  void topicWithoutSchema_takesAnyJson() {
    String topic = kafka.createTopic("schema-free", 1);

    assertProduced(proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\": [{\"value\": \"anything\"}]}"), 1);
  }

  @Test
  void moreRecordsThanTheLimit_returns413_andNothingIsProduced() {
    String topic = kafka.createTopic("schema-limit", 1);
    String record = "{\"value\": \"YQ==\"}";
    String body = "{\"records\": [" + String.join(", ", Collections.nCopies(MAX_RECORDS + 1, record)) + "]}";
    String atLimit = "{\"records\": [" + String.join(", ", Collections.nCopies(MAX_RECORDS, record)) + "]}";

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 413, 413,
        "Too many records: a produce request may hold at most " + MAX_RECORDS + " records.");
    assertEquals(0, kafka.recordCount(topic));
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, atLimit), MAX_RECORDS);
  }

  @Test
  void illegalTopicName_returns40002NamingTheRule() {
    String body = "{\"records\": [{\"value\": \"YQ==\"}]}";

    assertError(proxy.produce("bad%20topic", MediaTypes.BINARY_V2, body), 400, 40002,
        "Invalid topic name: character U+0020 at index 3 is not allowed");
    assertError(proxy.produce("t".repeat(250), 0, MediaTypes.BINARY_V2, body), 400, 40002,
        "Invalid topic name: the name is 250 characters long; at most 249 are allowed.");
    assertError(proxy.produce("orders*", MediaTypes.BINARY_V2, body), 400, 40002,
        "Invalid topic name: character '*' at index 6 is not allowed");
  }

  private static String value(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }
}
