package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.Payloads.utf8;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.it.ProxyAssertions.Landed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Produce in the binary and json formats, to a topic and to a partition, checked against what a plain
 * Kafka consumer reads back: exact key and value bytes, partitions and offsets, in request order.
 */
@ProxyTest
class ProduceIT {
  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  ProduceIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void produceBinary_explicitPartitions_offsetsInRequestOrderAndBytesExact() {
    String topic = kafka.createTopic("binary-explicit", 3);
    String body = """
        {"records": [
          {"key": "%s", "value": "%s", "partition": 0},
          {"key": "%s", "value": "%s", "partition": 1},
          {"value": "%s", "partition": 1},
          {"key": "%s", "value": "%s", "partition": 2}
        ]}""".formatted(b64("k0"), b64("v0"), b64("k1"), b64("v1"), b64("v2"), b64("k3"), b64("v3"));

    List<Landed> landed = assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 4);

    assertEquals(List.of(new Landed(0, 0), new Landed(1, 0), new Landed(1, 1), new Landed(2, 0)), landed);
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertEquals(4, records.size());
    assertRecord(records.get(0), 0, 0, utf8("k0"), utf8("v0"));
    assertRecord(records.get(1), 1, 0, utf8("k1"), utf8("v1"));
    assertRecord(records.get(2), 1, 1, null, utf8("v2"));
    assertRecord(records.get(3), 2, 0, utf8("k3"), utf8("v3"));
  }

  @Test
  void produceBinary_sameKeyWithoutPartition_landsOnOnePartitionWithConsecutiveOffsets() {
    String topic = kafka.createTopic("binary-keyed", 3);
    String key = b64("customer-42");
    String body = """
        {"records": [{"key": "%s", "value": "%s"}, {"key": "%s", "value": "%s"},
                     {"key": "%s", "value": "%s"}, {"key": "%s", "value": "%s"}]}"""
        .formatted(key, b64("a"), key, b64("b"), key, b64("c"), key, b64("d"));

    List<Landed> landed = assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 4);

    int partition = landed.get(0).partition();
    assertEquals(List.of(new Landed(partition, 0), new Landed(partition, 1), new Landed(partition, 2),
        new Landed(partition, 3)), landed);
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertEquals(List.of("a", "b", "c", "d"), records.stream().map(r -> Payloads.utf8(r.value())).toList());
    records.forEach(r -> assertRecord(r, partition, r.offset(), utf8("customer-42"), r.value()));
  }

  @Test
  void produceBinary_nullAndAbsentKeysAndValues_areStoredAsNull_emptyStringAsEmptyBytes() {
    String topic = kafka.createTopic("binary-nulls", 1);
    String body = """
        {"records": [
          {"value": "%s"},
          {"key": "%s", "value": null},
          {"key": null, "value": "%s"},
          {"key": "%s"},
          {},
          {"key": "", "value": ""},
          {"key": null, "value": null, "partition": null}
        ]}""".formatted(b64("only-value"), b64("tombstone"), b64("null-key"), b64("absent-value"));

    assertEquals(List.of(new Landed(0, 0), new Landed(0, 1), new Landed(0, 2), new Landed(0, 3), new Landed(0, 4),
        new Landed(0, 5), new Landed(0, 6)), assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 7));

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertRecord(records.get(0), 0, 0, null, utf8("only-value"));
    assertRecord(records.get(1), 0, 1, utf8("tombstone"), null);
    assertRecord(records.get(2), 0, 2, null, utf8("null-key"));
    assertRecord(records.get(3), 0, 3, utf8("absent-value"), null);
    assertRecord(records.get(4), 0, 4, null, null);
    assertRecord(records.get(5), 0, 5, new byte[0], new byte[0]);
    assertRecord(records.get(6), 0, 6, null, null);
  }

  @Test
  void produceBinary_arbitraryBytesAndUnpaddedBase64_roundTripExactly() {
    String topic = kafka.createTopic("binary-bytes", 1);
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    // "YWI" is "ab" without its padding, which Confluent's decoder accepts.
    String body = """
        {"records": [{"key": "%s", "value": "%s"}, {"value": "YWI"}]}""".formatted(b64(new byte[] {0, -1}), b64(all));

    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 2);

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertRecord(records.get(0), 0, 0, new byte[] {0, -1}, all);
    assertRecord(records.get(1), 0, 1, null, utf8("ab"));
  }

  /** Confluent's decoder ignores trailing padding, so too little or too much of it is accepted. */
  @Test
  void produceBinary_paddingMissingShortOrLong_isAcceptedAsByConfluent() {
    String topic = kafka.createTopic("binary-padding", 1);
    String body = """
        {"records": [{"key": "YQ", "value": "YQ="}, {"key": "YWI==", "value": "YWJj===="}, {"value": "===="}]}""";

    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 3);

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertRecord(records.get(0), 0, 0, utf8("a"), utf8("a"));
    assertRecord(records.get(1), 0, 1, utf8("ab"), utf8("abc"));
    assertRecord(records.get(2), 0, 2, null, new byte[0]);
  }

  @Test
  void produceJson_storesCompactJsonText_stringsKeepTheirQuotes() {
    String topic = kafka.createTopic("json-values", 1);
    String body = """
        {"records": [
          {"key": "abc", "value": {"name" : "Zoë",  "tags": [ 1, 2.5, true, null ], "nested": {"a": {}}}},
          {"key": {"id": 7}, "value": "abc"},
          {"key": 12345678901234, "value": [1, "two", {"three": 3}]},
          {"value": true},
          {"key": null, "value": null},
          {"key": "a \\"quoted\\" \\u00e9", "value": -0.5e10}
        ]}""";

    assertProduced(proxy.produce(topic, MediaTypes.JSON_V2, body), 6);

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertEquals(6, records.size());
    assertRecord(records.get(0), 0, 0, utf8("\"abc\""),
        utf8("{\"name\":\"Zoë\",\"tags\":[1,2.5,true,null],\"nested\":{\"a\":{}}}"));
    assertRecord(records.get(1), 0, 1, utf8("{\"id\":7}"), utf8("\"abc\""));
    assertRecord(records.get(2), 0, 2, utf8("12345678901234"), utf8("[1,\"two\",{\"three\":3}]"));
    assertRecord(records.get(3), 0, 3, null, utf8("true"));
    assertRecord(records.get(4), 0, 4, null, null);
    assertEquals("\"a \\\"quoted\\\" é\"", Payloads.utf8(records.get(5).key()));
    assertEquals(-0.5e10, Double.parseDouble(Payloads.utf8(records.get(5).value())));
  }

  /**
   * Numbers whose exponent is beyond what {@code BigDecimal} holds are valid JSON (RFC 8259 sets no limit)
   * and are stored as sent, in keys and values, at the top level and nested.
   */
  @Test
  void produceJson_numbersWithHugeExponents_storedAsSent() {
    String topic = kafka.createTopic("json-huge-exponents", 1);
    String body = """
        {"records": [
          {"value": 1e-2147483648},
          {"key": 1e2147483648, "value": -1E-2147483649},
          {"key": {"n": [1.5e99999999999]}, "value": [0e2147483648, {"x": -2.50E+2147483648}, 1e400]}
        ]}""";

    assertProduced(proxy.produce(topic, MediaTypes.JSON_V2, body), 3);

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertRecord(records.get(0), 0, 0, null, utf8("1e-2147483648"));
    assertRecord(records.get(1), 0, 1, utf8("1e2147483648"), utf8("-1E-2147483649"));
    assertRecord(records.get(2), 0, 2, utf8("{\"n\":[1.5e99999999999]}"),
        utf8("[0e2147483648,{\"x\":-2.50E+2147483648},1E+400]"));
  }

  @Test
  void produceJson_explicitPartitions_landWhereAsked() {
    String topic = kafka.createTopic("json-partitions", 2);
    String body = """
        {"records": [{"value": {"n": 1}, "partition": 1}, {"value": {"n": 2}, "partition": 0},
                     {"value": {"n": 3}, "partition": 1}]}""";

    assertEquals(List.of(new Landed(1, 0), new Landed(0, 0), new Landed(1, 1)),
        assertProduced(proxy.produce(topic, MediaTypes.JSON_V2, body), 3));

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertRecord(records.get(0), 0, 0, null, utf8("{\"n\":2}"));
    assertRecord(records.get(1), 1, 0, null, utf8("{\"n\":1}"));
    assertRecord(records.get(2), 1, 1, null, utf8("{\"n\":3}"));
  }

  @Test
  void produceToPartition_binary_everyRecordLandsOnThePathPartition() {
    String topic = kafka.createTopic("partition-binary", 3);
    String body = """
        {"records": [{"key": "%s", "value": "%s"}, {"value": "%s"}, {"key": "%s", "value": "%s"}, {"value": null}]}"""
        .formatted(b64("k1"), b64("v1"), b64("v2"), b64("k3"), b64("v3"));

    List<Landed> landed = assertProduced(proxy.produce(topic, 2, MediaTypes.BINARY_V2, body), 4);

    assertEquals(List.of(new Landed(2, 0), new Landed(2, 1), new Landed(2, 2), new Landed(2, 3)), landed);
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertEquals(4, records.size());
    assertRecord(records.get(0), 2, 0, utf8("k1"), utf8("v1"));
    assertRecord(records.get(1), 2, 1, null, utf8("v2"));
    assertRecord(records.get(2), 2, 2, utf8("k3"), utf8("v3"));
    assertRecord(records.get(3), 2, 3, null, null);
  }

  @Test
  void produceToPartition_json_everyRecordLandsOnThePathPartition() {
    String topic = kafka.createTopic("partition-json", 2);
    String body = """
        {"records": [{"key": "k", "value": {"a": [1, 2]}}, {"value": "text"}]}""";

    assertEquals(List.of(new Landed(1, 0), new Landed(1, 1)),
        assertProduced(proxy.produce(topic, 1, MediaTypes.JSON_V2, body), 2));

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertRecord(records.get(0), 1, 0, utf8("\"k\""), utf8("{\"a\":[1,2]}"));
    assertRecord(records.get(1), 1, 1, null, utf8("\"text\""));
  }

  @Test
  void produceToPartition_recordPartitionOverridesThePathPartition() {
    String topic = kafka.createTopic("partition-override", 3);
    String body = """
        {"records": [{"value": "%s", "partition": 2}, {"value": "%s"}, {"value": "%s", "partition": 1}]}"""
        .formatted(b64("to-2"), b64("to-path"), b64("to-1"));

    assertEquals(List.of(new Landed(2, 0), new Landed(0, 0), new Landed(1, 0)),
        assertProduced(proxy.produce(topic, 0, MediaTypes.BINARY_V2, body), 3));

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertRecord(records.get(0), 0, 0, null, utf8("to-path"));
    assertRecord(records.get(1), 1, 0, null, utf8("to-1"));
    assertRecord(records.get(2), 2, 0, null, utf8("to-2"));
  }

  @Test
  void produceBinary_manyUnkeyedRecords_offsetsFollowRequestOrderWithinEachPartition() {
    String topic = kafka.createTopic("binary-many", 3);
    int count = 300;
    StringBuilder body = new StringBuilder("{\"records\": [");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",").append("{\"value\": \"").append(b64("record-" + i)).append("\"}");
    }
    body.append("]}");

    List<Landed> landed = assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body.toString()), count);

    Map<Integer, List<Long>> offsetsByPartition = new HashMap<>();
    landed.forEach(l -> offsetsByPartition.computeIfAbsent(l.partition(), p -> new ArrayList<>()).add(l.offset()));
    offsetsByPartition.forEach((partition, offsets) -> {
      for (int i = 0; i < offsets.size(); i++) {
        assertEquals(i, offsets.get(i), "offsets of partition " + partition + " in request order");
      }
    });
    Map<Landed, String> stored = kafka.readAll(topic).stream()
        .collect(Collectors.toMap(r -> new Landed(r.partition(), r.offset()), r -> Payloads.utf8(r.value())));
    assertEquals(count, stored.size());
    for (int i = 0; i < count; i++) {
      assertEquals("record-" + i, stored.get(landed.get(i)), "record " + i + " is where the response says");
    }
    assertTrue(Set.of(0, 1, 2).containsAll(offsetsByPartition.keySet()));
  }

  @Test
  void produce_recordOverTheProducerSizeLimit_failsAloneWith50002() {
    String topic = kafka.createTopic("too-large", 1);
    String huge = b64(new byte[1_500_000]);
    String body = """
        {"records": [{"value": "%s"}, {"value": "%s"}, {"value": "%s"}]}""".formatted(b64("before"), huge, b64("after"));

    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, body);

    JsonNode offsets = ProxyAssertions.assertOkV2(result).get("offsets");
    assertEquals(3, offsets.size(), result::toString);
    assertEquals(0, offsets.get(0).get("offset").longValue(), result::toString);
    JsonNode failed = offsets.get(1);
    assertTrue(failed.get("partition").isNull() && failed.get("offset").isNull(), result::toString);
    assertEquals(50002, failed.get("error_code").intValue(), result::toString);
    assertTrue(failed.get("error").isTextual() && !failed.get("error").textValue().isBlank(), result::toString);
    assertEquals(1, offsets.get(2).get("offset").longValue(), result::toString);
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertEquals(List.of("before", "after"), records.stream().map(r -> Payloads.utf8(r.value())).toList());
  }

  @Test
  void produce_partitionGivenAsNumericString_isAccepted() {
    String topic = kafka.createTopic("partition-string", 2);
    String body = """
        {"records": [{"value": "%s", "partition": "1"}]}""".formatted(b64("x"));

    assertEquals(List.of(new Landed(1, 0)), assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 1));
  }

  @Test
  void produceToPartition_addedAfterAnEarlierProduce_isAccepted() {
    String topic = kafka.createTopic("grown", 1);
    String body = """
        {"records": [{"value": "%s"}]}""".formatted(b64("x"));
    assertProduced(proxy.produce(topic, 0, MediaTypes.BINARY_V2, body), 1);

    kafka.addPartitions(topic, 3);

    assertEquals(List.of(new Landed(2, 0)), assertProduced(proxy.produce(topic, 2, MediaTypes.BINARY_V2, body), 1));
    String recordPartition = """
        {"records": [{"value": "%s", "partition": 1}]}""".formatted(b64("y"));
    assertEquals(List.of(new Landed(1, 0)),
        assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, recordPartition), 1));
  }

  @Test
  void produce_toATopicCreatedAfterA404_succeedsAtOnce() {
    assumeFalse(kafka.autoCreateTopicsEnabled(), "the broker creates missing topics");
    String body = """
        {"records": [{"value": "%s"}]}""".formatted(b64("x"));
    String topic = KafkaTestClient.uniqueName("late");
    ProxyAssertions.assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 404, 40401);

    kafka.createTopic(topic);

    assertEquals(List.of(new Landed(0, 0)), assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, body), 1));
  }

  private static void assertRecord(ConsumerRecord<byte[], byte[]> record, int partition, long offset,
      byte @Nullable [] key, byte @Nullable [] value) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    assertEquals(partition, record.partition(), "partition of " + where);
    assertEquals(offset, record.offset(), "offset of " + where);
    if (key == null) {
      assertNull(record.key(), "key of " + where);
    } else {
      assertArrayEquals(key, record.key(), "key of " + where + ": " + Payloads.utf8(record.key()));
    }
    if (value == null) {
      assertNull(record.value(), "value of " + where);
    } else {
      assertArrayEquals(value, record.value(), "value of " + where + ": " + Payloads.utf8(record.value()));
    }
    assertTrue(record.headers().toArray().length == 0, "v2 produce sends no headers");
  }
}
