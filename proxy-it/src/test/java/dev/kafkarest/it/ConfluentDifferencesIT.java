package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The wire differences from Confluent listed as U1 to U12 in docs/api-compatibility.md ("Decided wire
 * differences"): each test pins the decision taken, whether it matches Confluent or keeps this proxy's answer.
 */
@ProxyTest
class ConfluentDifferencesIT {
  private static final String V2 = "application/vnd.kafka.v2+json";

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  ConfluentDifferencesIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  /** U1, matched: the 40402 message starts as Confluent's does, then names the partition. */
  @Test
  void u1_unknownPartition_messageStartsWithConfluentsText() {
    String topic = kafka.createTopic("u1", 1);

    String message = assertError(proxy.get("/topics/" + topic + "/partitions/1000"), 404, 40402, "Partition not found.");

    assertEquals("Partition not found. Topic " + topic + " has no partition 1000.", message);
  }

  /** U2, kept: an error is typed as the error envelope's own type, not as the records the request asked for. */
  @Test
  void u2_recordsErrorWithAnyAccept_isTypedV2Json() {
    HttpResult result = proxy.get("/consumers/u2/instances/" + KafkaTestClient.uniqueName("nope") + "/records",
        "Accept", "*/*");

    assertError(result, 404, 40403);
    assertEquals(V2, result.mediaType());
  }

  /** U6, kept: a seek entry without its partition is refused, not read as partition 0. */
  @Test
  void u6_seekEntryWithoutPartition_is422() {
    String group = KafkaTestClient.uniqueName("u6");
    String instance = createInstance(group, "{}");

    HttpResult result = proxy.post(instancePath(group, instance) + "/positions", V2,
        "{\"offsets\":[{\"topic\":\"t\",\"offset\":5}]}");

    assertError(result, 422, 422);
    deleteInstance(group, instance);
  }

  /** U7, kept: a negative per-instance request timeout is refused. */
  @Test
  void u7_negativeInstanceRequestTimeout_is42204() {
    HttpResult result = proxy.post("/consumers/" + KafkaTestClient.uniqueName("u7"), V2,
        "{\"consumer.request.timeout.ms\":-1}");

    assertError(result, 422, 42204);
  }

  /** U8, kept: base_uri percent-encodes the instance name, so that it is a URI a client can call. */
  @Test
  void u8_instanceNameWithSpace_baseUriIsPercentEncoded() {
    String group = KafkaTestClient.uniqueName("u8");
    HttpResult created = proxy.post("/consumers/" + group, V2, "{\"name\":\"a b\"}");

    assertEquals(200, created.status(), created::toString);
    assertTrue(created.json().get("base_uri").textValue().endsWith("/consumers/" + group + "/instances/a%20b"),
        created::toString);
    deleteInstance(group, "a%20b");
  }

  /** U9, kept: a record partition that is not an integer is refused rather than truncated. */
  @Test
  void u9_floatRecordPartition_is400AndNothingIsProduced() {
    String topic = kafka.createTopic("u9", 2);

    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2,
        "{\"records\":[{\"value\":\"YQ==\",\"partition\":1.7}]}");

    assertError(result, 400, 400);
    assertEquals(0, kafka.readAll(topic).size());
  }

  /** U11, kept: no HTTP/2; a client that offers h2c by Upgrade is answered over HTTP/1.1. */
  @Test
  void u11_http2Client_isAnsweredOverHttp11() {
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5))
        .build();

    HttpResult result = new ProxyClient(proxy.baseUri(), http2, Duration.ofSeconds(10)).getTopics();

    assertEquals(200, result.status(), result::toString);
    assertEquals(HttpClient.Version.HTTP_1_1, result.version());
  }

  private String createInstance(String group, String body) {
    HttpResult created = proxy.post("/consumers/" + group, V2, body);
    assertEquals(200, created.status(), created::toString);
    return created.json().get("instance_id").textValue();
  }

  private void deleteInstance(String group, String encodedInstance) {
    proxy.method("DELETE", instancePath(group, encodedInstance), BodyPublishers.noBody());
  }

  private static String instancePath(String group, String instance) {
    return "/consumers/" + group + "/instances/" + instance;
  }
}
