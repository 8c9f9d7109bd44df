package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Consumer instances: Confluent's v2 quick start in both formats, creation and subscription rules. */
@ProxyTest
class ConsumerIT {
  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  ConsumerIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void quickStart_binary_createSubscribeReadCommitDelete() {
    String topic = kafka.createTopic("qs-binary", 1);
    String group = KafkaTestClient.uniqueName("g");
    proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"key\":\"" + Payloads.b64("k") + "\",\"value\":\""
        + Payloads.b64("v1") + "\"},{\"value\":\"" + Payloads.b64("v2") + "\"}]}");

    HttpResult created = proxy.post("/consumers/" + group, MediaTypes.V2,
        "{\"name\":\"my_instance\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    JsonNode body = assertOkV2(created);
    assertEquals("my_instance", body.get("instance_id").textValue());
    URI baseUri = URI.create(body.get("base_uri").textValue());
    assertTrue(baseUri.isAbsolute(), "base_uri must be absolute: " + baseUri);
    assertEquals(proxy.uri("/consumers/" + group + "/instances/my_instance"), baseUri);

    RestConsumer consumer = RestConsumer.named(proxy, group, "my_instance");
    assertEquals(204, consumer.subscribe(topic).status());
    List<JsonNode> records = consumer.readUntil(MediaTypes.BINARY_V2, 2, Duration.ofSeconds(20));
    assertEquals(topic, records.get(0).get("topic").textValue());
    assertEquals(Payloads.b64("k"), records.get(0).get("key").textValue());
    assertEquals(Payloads.b64("v1"), records.get(0).get("value").textValue());
    assertEquals(0, records.get(0).get("partition").intValue());
    assertEquals(0, records.get(0).get("offset").longValue());
    assertTrue(records.get(1).get("key").isNull());
    assertEquals(1, records.get(1).get("offset").longValue());

    HttpResult commit = consumer.commit();
    assertEquals(200, commit.status());
    assertEquals("[]", commit.body());
    JsonNode committed = assertOkV2(consumer.committed(topic, 0));
    assertEquals(2, committed.get("offsets").get(0).get("offset").longValue());

    HttpResult deleted = consumer.delete();
    assertEquals(204, deleted.status());
    assertEquals("", deleted.body());
    assertError(consumer.read(MediaTypes.BINARY_V2, 100), 404, 40403);
    assertError(consumer.delete(), 404, 40403);
    assertError(consumer.subscribe(topic), 404, 40403);
    assertError(consumer.commit(), 404, 40403);
  }

  @Test
  void quickStart_json_returnsEmbeddedJsonValues() {
    String topic = kafka.createTopic("qs-json", 1);
    String group = KafkaTestClient.uniqueName("g");
    proxy.produce(topic, MediaTypes.JSON_V2,
        "{\"records\":[{\"key\":\"somekey\",\"value\":{\"foo\":\"bar\",\"n\":1.10}},{\"value\":[1,2,3]},{\"value\":null}]}");
    RestConsumer consumer = RestConsumer.create(proxy, group,
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.subscribe(topic).status());

    List<JsonNode> records = consumer.readUntil(MediaTypes.JSON_V2, 3, Duration.ofSeconds(20));
    assertEquals("somekey", records.get(0).get("key").textValue());
    assertEquals("bar", records.get(0).get("value").get("foo").textValue());
    assertEquals("{\"foo\":\"bar\",\"n\":1.10}", Payloads.utf8(kafka.readAll(topic).get(0).value()),
        "json values are stored compactly, numbers exactly");
    assertEquals(204, consumer.seekToBeginning(topic, 0).status());
    assertTrue(consumer.read(MediaTypes.JSON_V2, 5000).body().contains("\"n\":1.10"), "numbers are returned exactly");
    assertTrue(records.get(1).get("value").isArray());
    assertTrue(records.get(2).get("value").isNull());
    assertEquals(204, consumer.delete().status());
  }

  @Test
  void read_contentType_matchesTheInstanceFormat() {
    String topic = kafka.createTopic("read-type", 1);
    proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":1}]}");
    RestConsumer json = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    json.subscribe(topic);
    json.readUntil("*/*", 1, Duration.ofSeconds(20));
    json.seekToBeginning(topic, 0);
    HttpResult result = json.read(MediaTypes.JSON_V2, 5000);
    assertEquals(MediaTypes.JSON_V2, result.mediaType());
    assertError(json.read(MediaTypes.BINARY_V2, 100), 406, 40601);
    json.delete();
  }

  @Test
  void create_generatedName_isUniqueAndUsableThroughBaseUri() {
    String group = KafkaTestClient.uniqueName("g");
    HttpResult first = proxy.post("/consumers/" + group, MediaTypes.V2, "{}");
    HttpResult second = proxy.post("/consumers/" + group, MediaTypes.V2, "{}");
    String a = assertOkV2(first).get("instance_id").textValue();
    String b = assertOkV2(second).get("instance_id").textValue();
    assertTrue(a.startsWith("rest-consumer-"), a);
    assertTrue(!a.equals(b), "generated names must differ");
    String path = URI.create(first.json().get("base_uri").textValue()).getPath();
    assertEquals(200, proxy.get(path + "/subscription").status());
    RestConsumer.named(proxy, group, a).delete();
    RestConsumer.named(proxy, group, b).delete();
  }

  @Test
  void create_withoutBodyOrContentType_usesDefaults() {
    String group = KafkaTestClient.uniqueName("g");
    HttpResult result = proxy.post("/consumers/" + group, null, "");
    String name = assertOkV2(result).get("instance_id").textValue();
    assertEquals(204, RestConsumer.named(proxy, group, name).delete().status());
  }

  @Test
  void create_duplicateName_returns40902() {
    String group = KafkaTestClient.uniqueName("g");
    RestConsumer consumer = RestConsumer.create(proxy, group, "{\"name\":\"dup\"}");
    assertError(proxy.post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"dup\"}"), 409, 40902);
    assertEquals(200, proxy.post("/consumers/" + KafkaTestClient.uniqueName("other"), MediaTypes.V2,
        "{\"name\":\"dup\"}").status(), "the same name in another group is fine");
    consumer.delete();
  }

  @Test
  void create_legacyAndBooleanSettings_areAccepted() {
    String group = KafkaTestClient.uniqueName("g");
    RestConsumer consumer = RestConsumer.create(proxy, group,
        "{\"auto.offset.reset\":\"smallest\",\"auto.commit.enable\":false,\"fetch.min.bytes\":\"1024\","
            + "\"consumer.request.timeout.ms\":500}");
    assertEquals(204, consumer.delete().status());
  }

  @Test
  void create_invalidSettings_answerConfluentCodes() {
    String path = "/consumers/" + KafkaTestClient.uniqueName("g");
    assertError(proxy.post(path, MediaTypes.V2, "{\"auto.offset.reset\":\"bad-config\"}"), 422, 42204,
        "Invalid consumer configuration");
    assertError(proxy.post(path, MediaTypes.V2, "{\"auto.commit.enable\":\"maybe\"}"), 422, 42204,
        "Invalid consumer configuration");
    assertError(proxy.post(path, MediaTypes.V2, "{\"fetch.min.bytes\":-10}"), 422, 40001);
    assertError(proxy.post(path, MediaTypes.V2, "{\"fetch.min.bytes\":10000001}"), 422, 40001);
    assertError(proxy.post(path, MediaTypes.V2, "{\"format\":\"xml\"}"), 422, 422, "Invalid format type.");
    assertError(proxy.post(path, MediaTypes.V2, "{\"format\":\"string\"}"), 422, 422);
    assertError(proxy.post(path, MediaTypes.V2, "{\"format\":\"avro\"}"), 422, 42206);
    assertError(proxy.post(path, MediaTypes.V2, "{\"nmae\":\"typo\"}"), 422, 422, "Unrecognized field: nmae");
    assertError(proxy.post(path, MediaTypes.V2, "{\"name\":"), 400, 400);
    assertError(proxy.post(path, MediaTypes.TEXT, "{}"), 415, 415);
  }

  @Test
  void subscription_lifecycle_getReflectsChanges() {
    String topic = kafka.createTopic("sub", 1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    assertEquals(0, assertOkV2(proxy.get(consumer.path() + "/subscription")).get("topics").size());
    assertEquals(204, consumer.subscribe(topic).status());
    assertEquals(topic, proxy.get(consumer.path() + "/subscription").json().get("topics").get(0).textValue());
    assertEquals(204, proxy.method("DELETE", consumer.path() + "/subscription", BodyPublishers.noBody()).status());
    assertEquals(0, proxy.get(consumer.path() + "/subscription").json().get("topics").size());
    consumer.delete();
  }

  @Test
  void subscription_badRequests_answerClearErrors() {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    assertError(consumer.post("/subscription", "{\"topics\":[\"a\"],\"topic_pattern\":\"a.*\"}"), 409, 40903);
    assertError(consumer.post("/subscription", "{\"topic_pattern\":\"(unclosed\"}"), 422, 422);
    assertError(proxy.post(consumer.path() + "/subscription", MediaTypes.V2, ""), 422, 422);
    assertError(consumer.post("/subscription", "{\"topics\":\"a\"}"), 400, 400);
    consumer.assign("some-topic", 0);
    assertError(consumer.subscribe("x"), 409, 40903);
    consumer.delete();
  }

  @Test
  void subscription_pattern_readsEveryMatchingTopic() {
    String prefix = KafkaTestClient.uniqueName("pat");
    String a = prefix + "-a";
    String b = prefix + "-b";
    for (String topic : List.of(a, b)) {
      kafka.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
    }
    Await.until(Duration.ofSeconds(15), "topics created", () -> kafka.topicNames(false).containsAll(List.of(a, b)));
    proxy.produce(a, MediaTypes.JSON_V2, "{\"records\":[{\"value\":\"from-a\"}]}");
    proxy.produce(b, MediaTypes.JSON_V2, "{\"records\":[{\"value\":\"from-b\"}]}");
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.post("/subscription", "{\"topic_pattern\":\"" + prefix + "-.*\"}").status());

    List<JsonNode> records = consumer.readUntil(MediaTypes.JSON_V2, 2, Duration.ofSeconds(30));
    assertEquals(Set.of("from-a", "from-b"),
        Set.of(records.get(0).get("value").textValue(), records.get(1).get("value").textValue()));
    JsonNode topics = proxy.get(consumer.path() + "/subscription").json().get("topics");
    assertEquals(2, topics.size());
    consumer.delete();
  }

  @Test
  void consumerPaths_trailingSlash_areAccepted() {
    String group = KafkaTestClient.uniqueName("g");
    HttpResult created = proxy.post("/consumers/" + group + "/", MediaTypes.V2, "{\"name\":\"slash\"}");
    assertEquals(200, created.status());
    RestConsumer consumer = RestConsumer.named(proxy, group, "slash");
    assertEquals(200, proxy.get(consumer.path() + "/subscription/").status());
    assertEquals(204, proxy.method("DELETE", consumer.path() + "/", BodyPublishers.noBody()).status());
  }

  @Test
  void unknownInstance_everyEndpoint_returns40403() {
    RestConsumer ghost = RestConsumer.named(proxy, KafkaTestClient.uniqueName("g"), "ghost");
    assertError(ghost.subscribe("t"), 404, 40403, "Consumer instance not found.");
    assertError(proxy.get(ghost.path() + "/subscription"), 404, 40403);
    assertError(ghost.assign("t", 0), 404, 40403);
    assertError(proxy.get(ghost.path() + "/assignments"), 404, 40403);
    assertError(ghost.seek("t", 0, 1), 404, 40403);
    assertError(ghost.seekToBeginning("t", 0), 404, 40403);
    assertError(ghost.seekToEnd("t", 0), 404, 40403);
    assertError(ghost.commit(), 404, 40403);
    assertError(ghost.committed("t", 0), 404, 40403);
    assertError(ghost.read(MediaTypes.BINARY_V2, 10), 404, 40403);
    assertError(ghost.delete(), 404, 40403);
  }

  /** The route's own answers come before the instance is looked up, as for a known instance. */
  @Test
  void unknownInstance_wrongMethodMediaTypeOrPath_answersForTheRouteFirst() {
    RestConsumer ghost = RestConsumer.named(proxy, KafkaTestClient.uniqueName("g"), "ghost");
    assertError(proxy.post(ghost.path() + "/subscription", MediaTypes.TEXT, "{}"), 415, 415);
    assertError(proxy.method("PUT", ghost.path() + "/subscription", BodyPublishers.noBody()), 405, 405);
    assertError(proxy.get(ghost.path() + "/records", "Accept", MediaTypes.TEXT), 406, 406);
    assertError(proxy.get(ghost.path() + "/no-such-endpoint"), 404, 404);
  }
}
