package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Produce requests the proxy must refuse as a whole: the status, error_code and message, and that
 * nothing at all reached Kafka.
 */
@ProxyTest
class ProduceValidationIT {
  private static final String VALID_RECORD = "{\"value\": \"" + b64("ok") + "\"}";

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;
  private String topic = "";

  ProduceValidationIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @BeforeEach
  void createTopic() {
    topic = kafka.createTopic("validation", 3);
  }

  @Test
  void produceToMissingTopic_returns40401Quickly() {
    assumeFalse(kafka.autoCreateTopicsEnabled(), "the broker creates missing topics");
    String missing = KafkaTestClient.uniqueName("missing");
    String body = "{\"records\": [" + VALID_RECORD + "]}";

    HttpResult toTopic = proxy.produce(missing, MediaTypes.BINARY_V2, body);
    HttpResult toPartition = proxy.produce(missing, 0, MediaTypes.JSON_V2, "{\"records\": [{\"value\": 1}]}");

    assertError(toTopic, 404, 40401);
    assertError(toPartition, 404, 40401);
    assertFast(toTopic);
    assertFast(toPartition);
    assertTrue(!kafka.topicNames(false).contains(missing), "the topic was not created");
  }

  @Test
  void recordPartitionBeyondPartitionCount_returns40402_andNothingIsProduced() {
    String body = "{\"records\": [{\"value\": \"" + b64("a") + "\", \"partition\": 0}, "
        + "{\"value\": \"" + b64("b") + "\", \"partition\": 3}]}";

    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, body);

    assertError(result, 404, 40402);
    assertFast(result);
    assertNothingProduced();
  }

  @Test
  void pathPartitionBeyondPartitionCount_returns40402_andNothingIsProduced() {
    HttpResult result = proxy.produce(topic, 3, MediaTypes.BINARY_V2, "{\"records\": [" + VALID_RECORD + "]}");

    assertError(result, 404, 40402);
    assertFast(result);
    assertNothingProduced();
  }

  @Test
  void negativePathPartition_returns40402() {
    assertError(proxy.produce(topic, -1, MediaTypes.BINARY_V2, "{\"records\": [" + VALID_RECORD + "]}"), 404, 40402);
    assertNothingProduced();
  }

  @Test
  void nonIntegerPathPartition_returns404() {
    String body = "{\"records\": [" + VALID_RECORD + "]}";

    assertError(proxy.post(Endpoints.partition(topic, "abc"), MediaTypes.BINARY_V2, body), 404, 404);
    assertError(proxy.post(Endpoints.partition(topic, "1.0"), MediaTypes.BINARY_V2, body), 404, 404);
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"records\": [%s, {\"value\": \"YQ==\", \"partition\": -1}]}",
      "{\"records\": [%s, {\"value\": \"YQ==\", \"partition\": -2147483648}]}"})
  void negativeRecordPartition_returns422_andNothingIsProduced(String template) {
    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, template.formatted(VALID_RECORD)), 422, 422);
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"records\": [",
      "not json",
      "{\"records\": [{\"value\": \"YQ==\"}]",
      "{\"records\": [{\"value\": \"YQ==\"}]} trailing",
      "{\"records\": [{\"value\": \"YQ==\",}]}",
      "{'records': []}"})
  void malformedJson_returns400(String body) {
    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 400, 400);
    assertNothingProduced();
  }

  /**
   * Base64 as Confluent decodes it: standard alphabet only, no whitespace or line breaks anywhere (as JSON
   * escapes or raw), nothing after the padding, no partial group of one character.
   */
  @ParameterizedTest
  @ValueSource(strings = {"!!!!", "YQ=$", "a-b_", "-_8=", "Y Q = =", "YQ==YQ==x", "YQ==YQ==", "YQ==YWJj", "YQ=A",
      " YQ==", "YQ== ", "YQ==\\n", "YWJj\\r\\nYWJj", "\\tYWJj", "YWJj YWJj", "YWJj\\u0000", "YWJjZ", "Y===",
      "\u00e9", "YWJj\\u00e9"})
  void invalidBase64_returns400_andNothingIsProduced(String value) {
    String body = "{\"records\": [" + VALID_RECORD + ", {\"value\": \"" + value + "\"}]}";

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 400, 400,
        "Bad Request: records[1].value is not a valid base64 string.");
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {"%%%", "YQ==\\r\\n", "YQ==YQ=="})
  void invalidBase64Key_returns400(String key) {
    String body = "{\"records\": [{\"key\": \"" + key + "\", \"value\": \"YQ==\"}]}";

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 400, 400,
        "Bad Request: records[0].key is not a valid base64 string.");
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "{\"a\": \"YQ==\"}", "[\"YQ==\"]", "true"})
  void binaryValueThatIsNotAString_returns400(String value) {
    String body = "{\"records\": [" + VALID_RECORD + ", {\"value\": " + value + "}]}";

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 400, 400);
    assertNothingProduced();
  }

  /** Numbers longer than the parser's limit (1,000 characters) are refused; long exponents are fine (ProduceIT). */
  @ParameterizedTest
  @ValueSource(strings = {"{\"records\": [{\"value\": 1}, {\"value\": [1.%s]}]}",
      "{\"records\": [{\"value\": 1}, {\"key\": {\"n\": 1%s}, \"value\": 2}]}"})
  void jsonNumberLongerThanTheParserAllows_returns400_andNothingIsProduced(String template) {
    String body = template.formatted("5".repeat(1_000));

    String message = assertError(proxy.produce(topic, MediaTypes.JSON_V2, body), 400, 400);
    assertTrue(message.contains("Number value length"), message);
    assertTrue(!message.contains("StreamReadConstraints"), message);
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"records\": []}", "{\"records\": null}", "null", "{\"value_schema_id\": 1}"})
  void missingOrEmptyRecords_returns422(String body) {
    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 422, 422);
    assertError(proxy.produce(topic, 0, MediaTypes.JSON_V2, body), 422, 422);
    assertNothingProduced();
  }

  @Test
  void emptyBody_returns422() {
    assertError(proxy.post(Endpoints.topic(topic), MediaTypes.BINARY_V2, BodyPublishers.noBody()), 422, 422);
    assertError(proxy.post(Endpoints.partition(topic, 0), MediaTypes.JSON_V2, BodyPublishers.noBody()), 422, 422);
    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, "  "), 422, 422);
    assertNothingProduced();
  }

  @Test
  void unknownRootField_returns422UnrecognizedField() {
    String body = "{\"records\": [" + VALID_RECORD + "], \"x\": 1}";

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 422, 422, "Unrecognized field: x");
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "valu", "headers", "timestamp"})
  void unknownRecordField_returns422UnrecognizedField(String field) {
    String body = "{\"records\": [" + VALID_RECORD + ", {\"value\": \"YQ==\", \"" + field + "\": []}]}";

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 422, 422, "Unrecognized field: " + field);
    assertError(proxy.produce(topic, 1, MediaTypes.JSON_V2, body), 422, 422, "Unrecognized field: " + field);
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"records\": {}}", "{\"records\": \"x\"}", "{\"records\": 1}", "{\"records\": [1]}",
      "{\"records\": [\"YQ==\"]}", "[]", "\"records\""})
  void recordsNotAnArrayOfObjects_returns400(String body) {
    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 400, 400);
    assertNothingProduced();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\"", "1.5", "true", "{}"})
  void recordPartitionOfTheWrongType_returns400(String partition) {
    String body = "{\"records\": [{\"value\": \"YQ==\", \"partition\": " + partition + "}]}";

    assertError(proxy.produce(topic, MediaTypes.BINARY_V2, body), 400, 400);
    assertNothingProduced();
  }

  private void assertNothingProduced() {
    assertEquals(0, kafka.recordCount(topic), "records in " + topic);
  }

  private static void assertFast(HttpResult result) {
    assertTrue(result.elapsed().compareTo(Duration.ofSeconds(3)) < 0, () -> "should answer well under 5 s: " + result);
  }
}
