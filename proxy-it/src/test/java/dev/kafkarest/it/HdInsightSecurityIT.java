package dev.kafkarest.it;

import static dev.kafkarest.it.AuthenticationAssertions.REQUIRED;
import static dev.kafkarest.it.AuthenticationAssertions.assertForbidden;
import static dev.kafkarest.it.AuthenticationAssertions.assertUnauthorized;
import static dev.kafkarest.it.ClientCredentials.bearer;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.server.ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HDInsight sample flow with security on, as HDInsight runs it: bearer tokens from a real OAuth2
 * server (client-credentials grant, Entra ID shaped claims) whose {@code groups} claim must contain the
 * proxy's security group, and authorization rules on top, where creating and deleting a topic are their own
 * operations, producing needs write and consuming needs read.
 *
 * <p>Principals (by {@code oid}): {@code admin-app} may create, delete and describe {@code hdisec-*} topics;
 * {@code app-rw} may describe, read and write them; {@code outsider-app} is not in the security group.
 */
@ProxyTest
class HdInsightSecurityIT {
  private static final String JSON = "application/json";
  private static final String ISSUER = "entra";
  private static final String APP_ID = "4b7e2f10-93c1-4d58-a6e2-5f0c8d1b3a97";
  private static final String SECURITY_GROUP = "8e1d5c3a-2b4f-4a69-9c07-d6e5f4a3b2c1";
  private static final String OTHER_GROUP = "1f2e3d4c-5b6a-4789-8a0b-c1d2e3f4a5b6";
  private static final String ADMIN_OID = "a1b2c3d4-e5f6-4a1b-8c2d-3e4f5a6b7c8d";
  private static final String RW_OID = "b2c3d4e5-f6a7-4b2c-9d3e-4f5a6b7c8d9e";
  private static final String CONFIG = """
      {"interactiveLogin": false, "httpServer": "NettyWrapper",
       "tokenCallbacks": [
        {"issuerId": "entra", "tokenExpiry": 300, "requestMappings": [
          {"requestParam": "client_id", "match": "admin-app",
           "claims": {"aud": "%1$s", "oid": "%3$s", "azp": "admin-app", "ver": "2.0", "groups": ["%2$s"]}},
          {"requestParam": "client_id", "match": "app-rw",
           "claims": {"aud": "%1$s", "oid": "%4$s", "azp": "app-rw", "ver": "2.0", "groups": ["%5$s", "%2$s"]}},
          {"requestParam": "client_id", "match": "outsider-app",
           "claims": {"aud": "%1$s", "oid": "%4$s", "azp": "outsider-app", "ver": "2.0", "groups": ["%5$s"]}}]}]}
      """.formatted(APP_ID, SECURITY_GROUP, ADMIN_OID, RW_OID, OTHER_GROUP);
  private static final String MISSING_CHALLENGE = "Bearer realm=\"KafkaRest\"";

  private static MockOAuth2Server oauth2;
  private static ProxyServer server;
  private static ProxyClient proxy;

  private final KafkaTestClient kafka;

  HdInsightSecurityIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void start(TestBroker broker, @TempDir Path dir) {
    oauth2 = new MockOAuth2Server(OAuth2Config.Companion.fromJson(CONFIG));
    oauth2.start();
    Path rules;
    try {
      rules = Files.write(dir.resolve("access.rules"), List.of(
          "allow user:" + ADMIN_OID + " create,delete,describe topic:hdisec-*",
          "allow user:" + RW_OID + " describe,read,write topic:hdisec-*"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", oauth2.jwksUrl(ISSUER).toString(),
        "authentication.bearer.issuer", oauth2.issuerUrl(ISSUER).toString(),
        "authentication.bearer.audience", APP_ID,
        "authentication.bearer.groups.claim", "groups",
        "authentication.bearer.allowed.groups", SECURITY_GROUP,
        "authentication.bearer.principal.claim", "oid",
        "authorization.enabled", "true",
        "authorization.rules.file", rules.toString()));
    proxy = new ProxyClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (oauth2 != null) {
      oauth2.shutdown();
    }
  }

  /** {@return the Authorization header value of a fresh token for {@code clientId}, as the sample gets it} */
  private static String tokenOf(String clientId) {
    return bearer(ClientCredentials.token(oauth2.tokenEndpointUrl(ISSUER).uri(), clientId, clientId + "-secret",
        "api://kafka-rest/.default"));
  }

  private static HttpResult put(String topic, String authorization) {
    return proxy.send(proxy.request("/v1/topics/" + topic).header("Content-Type", JSON)
        .header("Authorization", authorization)
        .PUT(BodyPublishers.ofString("{\"partition_count\":1,\"replication_factor\":1,"
            + "\"topic_properties\":{\"retention.ms\":604800000}}")).build());
  }

  private static HttpResult delete(String topic, String authorization) {
    return proxy.send(proxy.request("/v1/topics/" + topic).header("Authorization", authorization).DELETE().build());
  }

  private static HttpResult produce(String topic, String body, String authorization) {
    return proxy.post("/v1/producer/topics/" + topic, JSON, body, "Authorization", authorization);
  }

  private static HttpResult consume(String topic, long offset, String authorization) {
    return proxy.get("/v1/consumer/topics/" + topic + "/partitions/0/offsets/" + offset + "?count=2",
        "Content-Type", JSON, "Authorization", authorization);
  }

  @Test
  void sampleFlow_withTokensInTheGroup_andTheirOwnOperations_createsProducesConsumesDeletes() {
    String topic = KafkaTestClient.uniqueName("hdisec");
    String admin = tokenOf("admin-app");
    String readWrite = tokenOf("app-rw");

    // Read and write do not include create: nothing is created.
    assertError(put(topic, readWrite), 403, 40301);
    assertFalse(kafka.topicNames(false).contains(topic), "refused create made the topic");

    assertEquals(200, put(topic, admin).status());
    HttpResult topics = proxy.get("/v1/metadata/topics", "Content-Type", JSON, "Authorization", readWrite);
    assertEquals(200, topics.status(), topics::toString);
    List<String> names = new ArrayList<>();
    topics.json().get("topics").forEach(name -> names.add(name.textValue()));
    assertTrue(names.contains(topic), () -> "listed at once: " + names);

    // Create and delete do not include write or read.
    assertError(produce(topic, HdInsightIT.SIX_RECORDS, admin), 403, 40301);
    assertEquals(0, kafka.recordCount(topic));
    HttpResult produced = produce(topic, HdInsightIT.SIX_RECORDS, readWrite);
    assertEquals(200, produced.status(), produced::toString);
    assertEquals(HdInsightIT.STORED, kafka.readAll(topic).stream()
        .map((ConsumerRecord<byte[], byte[]> r) -> new String(r.value(), UTF_8)).toList());

    assertError(consume(topic, 0, admin), 403, 40301);
    List<String> consumed = new ArrayList<>();
    long offset = 0;
    for (int round = 0; round < 10; round++) {
      HttpResult page = consume(topic, offset, readWrite);
      assertEquals(200, page.status(), page::toString);
      String next = page.header("NextOffset");
      assertNotNull(next, "NextOffset on every 200");
      JsonNode records = page.json().get("records");
      records.forEach(record -> consumed.add(record.get("value").textValue()));
      if (records.isEmpty() || Long.parseLong(next) == offset) {
        break;
      }
      offset = Long.parseLong(next);
    }
    assertEquals(HdInsightIT.STORED, consumed);

    // The sample sends partition metadata calls with the Authorization header alone.
    HttpResult partition = proxy.send(proxy.request("/v1/metadata/topics/" + topic + "/partitions/0")
        .header("Authorization", readWrite).GET().build());
    assertEquals(200, partition.status(), partition::toString);
    assertEquals(6, partition.json().get("latest_offset").longValue());

    assertError(delete(topic, readWrite), 403, 40301);
    assertTrue(kafka.topicNames(false).contains(topic), "refused delete removed the topic");
    assertEquals(200, delete(topic, admin).status());
  }

  @Test
  void everyEndpoint_tokenOutsideTheSecurityGroup_is403_andNothingReachesKafka() {
    String topic = kafka.createTopic("hdisec-out", 1);
    String missing = KafkaTestClient.uniqueName("hdisec-out");
    String token = tokenOf("outsider-app");

    assertForbidden(put(missing, token), token);
    assertForbidden(produce(topic, "{\"records\":[{\"value\":\"x\"}]}", token), token);
    assertForbidden(consume(topic, 0, token), token);
    assertForbidden(proxy.get("/v1/metadata/topics", "Authorization", token), token);
    assertForbidden(proxy.get("/v1/metadata/topics/" + topic + "/partitions/0", "Authorization", token), token);
    assertForbidden(delete(topic, token), token);

    assertFalse(kafka.topicNames(false).contains(missing));
    assertTrue(kafka.topicNames(false).contains(topic));
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void everyEndpoint_withoutAToken_is401WithAChallenge() {
    String topic = kafka.createTopic("hdisec-anon", 1);
    String missing = KafkaTestClient.uniqueName("hdisec-anon");

    assertUnauthorized(proxy.send(proxy.request("/v1/topics/" + missing).header("Content-Type", JSON)
        .PUT(BodyPublishers.ofString("{}")).build()), MISSING_CHALLENGE, REQUIRED);
    assertUnauthorized(proxy.post("/v1/producer/topics/" + topic, JSON, "{\"records\":[{\"value\":\"x\"}]}"),
        MISSING_CHALLENGE, REQUIRED);
    assertUnauthorized(proxy.get("/v1/consumer/topics/" + topic + "/partitions/0/offsets/0"), MISSING_CHALLENGE,
        REQUIRED);
    assertUnauthorized(proxy.get("/v1/metadata/topics"), MISSING_CHALLENGE, REQUIRED);
    assertUnauthorized(proxy.get("/v1/metadata/brokers"), MISSING_CHALLENGE, REQUIRED);
    assertUnauthorized(proxy.send(proxy.request("/v1/topics/" + topic).DELETE().build()), MISSING_CHALLENGE,
        REQUIRED);

    assertFalse(kafka.topicNames(false).contains(missing));
    assertTrue(kafka.topicNames(false).contains(topic));
    assertEquals(0, kafka.recordCount(topic));
  }
}
