package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertNotAcceptable;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Content negotiation: which request Content-Types select which embedded format, which are refused,
 * which Accept headers are served, and that a Content-Type without a body is ignored.
 */
@ProxyTest
class MediaTypesIT {
  private static final String NO_CONTENT_TYPE = "<none>";

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  MediaTypesIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  /** Binary, and every generic type (which means binary), decode base64 on produce. */
  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.BINARY_V2, MediaTypes.BINARY_V1, MediaTypes.V2, MediaTypes.V1,
      MediaTypes.KAFKA_JSON, MediaTypes.JSON, MediaTypes.OCTET_STREAM, NO_CONTENT_TYPE,
      "application/vnd.kafka.binary.v2+json; charset=utf-8", "Application/Vnd.Kafka.Binary.V2+JSON"})
  void produce_binaryAndGenericTypes_storeDecodedBase64(String contentType) {
    String topic = kafka.createTopic("binary-type", 1);
    String body = "{\"records\": [{\"key\": \"" + b64("key") + "\", \"value\": \"" + b64("hello") + "\"}]}";
    String type = NO_CONTENT_TYPE.equals(contentType) ? null : contentType;

    assertProduced(proxy.produce(topic, type, body), 1);
    assertProduced(proxy.produce(topic, 0, type, body), 1);

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertEquals(2, records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      assertEquals("key", Payloads.utf8(record.key()));
      assertEquals("hello", Payloads.utf8(record.value()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.JSON_V2, MediaTypes.JSON_V1, "application/vnd.kafka.json.v2+json;charset=UTF-8"})
  void produce_jsonTypes_storeJsonText(String contentType) {
    String topic = kafka.createTopic("json-type", 1);
    String body = "{\"records\": [{\"key\": \"k\", \"value\": {\"a\": 1}}]}";

    assertProduced(proxy.produce(topic, contentType, body), 1);
    assertProduced(proxy.produce(topic, 0, contentType, body), 1);

    for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
      assertEquals("\"k\"", Payloads.utf8(record.key()));
      assertEquals("{\"a\":1}", Payloads.utf8(record.value()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.AVRO_V2, MediaTypes.JSONSCHEMA_V2, MediaTypes.PROTOBUF_V2, MediaTypes.AVRO_V1})
  void produce_schemaFormats_return42206WithoutASchemaRegistry(String contentType) {
    String topic = kafka.createTopic("schema-type", 1);
    String body = "{\"value_schema\": \"{\\\"type\\\": \\\"string\\\"}\", \"records\": [{\"value\": \"x\"}]}";

    assertError(proxy.produce(topic, contentType, body), 422, 42206);
    assertError(proxy.produce(topic, 0, contentType, body), 422, 42206);
    assertEquals(0, kafka.recordCount(topic));
  }

  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.TEXT, MediaTypes.FORM, "application/xml", "application/vnd.kafka.string.v2+json"})
  void produce_unsupportedContentType_returns415(String contentType) {
    String topic = kafka.createTopic("unsupported-type", 1);
    String body = "{\"records\": [{\"value\": \"" + b64("x") + "\"}]}";

    assertError(proxy.produce(topic, contentType, body), 415, 415);
    assertError(proxy.produce(topic, 0, contentType, body), 415, 415);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void postRoot_withBodyOfAnUnsupportedType_returns415() {
    assertError(proxy.post(Endpoints.root(), MediaTypes.TEXT, "{}"), 415, 415);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*/*", MediaTypes.V2, "application/vnd.kafka.v2+json, */*;q=0.1",
      "application/vnd.kafka.binary.v2+json, application/vnd.kafka.v2+json"})
  void accept_v2OrAnything_servesV2(String accept) {
    String[] headers = accept.isEmpty() ? new String[0] : new String[] {"Accept", accept};

    assertOkV2(proxy.getRoot(headers));
    assertOkV2(proxy.getTopics(headers));
    assertOkV2(proxy.getBrokers(headers));
  }

  @Test
  void accept_applicationJson_servesApplicationJson() {
    String topic = kafka.createTopic("accept-json", 1);
    for (HttpResult result : List.of(proxy.getRoot("Accept", MediaTypes.JSON), proxy.getTopics("Accept", MediaTypes.JSON),
        proxy.getTopic(topic, "Accept", MediaTypes.JSON), proxy.getBrokers("Accept", MediaTypes.JSON),
        proxy.get(Endpoints.partitions(topic), "Accept", MediaTypes.JSON),
        proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\": [{\"value\": \"YQ==\"}]}", "Accept", MediaTypes.JSON))) {
      assertEquals(200, result.status(), result::toString);
      assertEquals(MediaTypes.JSON, result.mediaType(), result::toString);
      result.json();
    }
  }

  @Test
  void accept_applicationJson_errorsAreApplicationJson() {
    String topic = kafka.createTopic("accept-json-errors", 1);
    HttpResult notFound = proxy.getTopic(KafkaTestClient.uniqueName("missing"), "Accept", MediaTypes.JSON);
    HttpResult unsupported = proxy.produce(topic, MediaTypes.TEXT, "{}", "Accept", MediaTypes.JSON);
    HttpResult invalid = proxy.produce(topic, MediaTypes.BINARY_V2, "{}", "Accept", MediaTypes.JSON);
    HttpResult noSchemaRegistry = proxy.produce(topic, MediaTypes.AVRO_V2, "{}", "Accept", MediaTypes.JSON);

    assertError(notFound, 404, 40401);
    assertError(unsupported, 415, 415);
    assertError(invalid, 422, 422);
    assertError(noSchemaRegistry, 422, 42206);
    for (HttpResult result : List.of(notFound, unsupported, invalid, noSchemaRegistry)) {
      assertEquals(MediaTypes.JSON, result.mediaType(), result::toString);
    }
  }

  @Test
  void accept_browserStyleList_isServedAsJson() {
    HttpResult result = proxy.getTopics("Accept", "application/json, text/plain, */*");

    assertEquals(200, result.status(), result::toString);
    assertTrue(Set.of(MediaTypes.JSON, MediaTypes.V2).contains(result.mediaType()), result::toString);
    assertTrue(result.json().isArray(), result::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.TEXT, "text/html", "application/xml"})
  void accept_notJson_returns406(String accept) {
    assertNotAcceptable(proxy.getRoot("Accept", accept));
    assertNotAcceptable(proxy.getTopics("Accept", accept));
    assertNotAcceptable(proxy.getBrokers("Accept", accept));
  }

  @Test
  void produce_acceptingOnlyAnEmbeddedFormat_returns406() {
    String topic = kafka.createTopic("accept-binary", 1);

    assertNotAcceptable(proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\": [{\"value\": \"YQ==\"}]}",
        "Accept", MediaTypes.BINARY_V2));
  }

  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.TEXT, "*/*", MediaTypes.FORM, MediaTypes.BINARY_V2, "not a media type"})
  void contentTypeOnAGet_isIgnored(String contentType) {
    assertOkV2(proxy.getRoot("Content-Type", contentType));
    assertOkV2(proxy.getTopics("Content-Type", contentType));
    assertOkV2(proxy.getBrokers("Content-Type", contentType));
  }

  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.TEXT, MediaTypes.FORM, MediaTypes.V2})
  void postRoot_withoutBody_ignoresContentType(String contentType) {
    JsonNode body = assertOkV2(proxy.post(Endpoints.root(), contentType, BodyPublishers.noBody()));

    assertTrue(body.isObject() && body.isEmpty(), body::toString);
  }

  @Test
  void postRoot_withV2Body_returnsEmptyObject() {
    JsonNode body = assertOkV2(proxy.post(Endpoints.root(), MediaTypes.V2, "{\"any\": \"thing\"}"));

    assertTrue(body.isObject() && body.isEmpty(), body::toString);
  }
}
