package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization on a rules file, black-box: for each kind of endpoint a permitted and a refused request;
 * every refusal is 403/40301 naming only the operation and the resource, and nothing of it reaches Kafka.
 */
@ProxyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationIT {
  private static final String RECORD = "{\"records\":[{\"value\":\"aGVsbG8=\"}]}";

  private final KafkaTestClient kafka;
  private final String granted;
  private final String secret;
  private final String denied;
  private SecuredProxy proxy;
  private ProxyClient alice;
  private ProxyClient bob;

  AuthorizationIT(KafkaTestClient kafka) {
    this.kafka = kafka;
    this.granted = kafka.createTopic("granted", 1);
    this.secret = kafka.createTopic("secret", 1);
    this.denied = kafka.createTopic("granted-denied", 1);
  }

  @BeforeAll
  void start(@TempDir Path dir) {
    proxy = SecuredProxy.start(kafka.bootstrapServers(), dir, List.of("alice", "bob"), List.of(
        "allow user:alice describe,write,read topic:granted-*",
        "deny user:alice write topic:granted-denied-*",
        "allow user:alice read consumer-group:granted-*",
        "allow user:alice describe cluster",
        "allow user:bob describe topic:granted-*",
        "allow user:bob read consumer-group:*"), Map.of());
    alice = proxy.as("alice");
    bob = proxy.as("bob");
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  // --- metadata --------------------------------------------------------------------------------

  @Test
  void describeTopic_permitted200_refused40301_evenForMissingTopics() {
    assertOkV2(alice.getTopic(granted));
    assertOkV2(alice.getPartitions(granted));
    assertOkV2(alice.getPartition(granted, 0));
    assertOkV2(alice.getOffsets(granted, 0));

    assertRefused(alice.getTopic(secret), "describe", "topic '" + secret + "'");
    assertRefused(alice.getPartitions(secret), "describe", "topic '" + secret + "'");
    assertRefused(alice.getPartition(secret, 0), "describe", "topic '" + secret + "'");
    assertRefused(alice.getOffsets(secret, 0), "describe", "topic '" + secret + "'");
    // Access is checked before existence: a topic the caller may not see is 403 whether it exists or not.
    assertRefused(alice.getTopic("secret-missing"), "describe", "topic 'secret-missing'");
    assertError(alice.getTopic("granted-missing"), 404, 40401);
  }

  @Test
  void listTopics_showsOnlyDescribableTopics() {
    List<String> aliceSees = names(assertOkV2(alice.getTopics()));
    List<String> bobSees = names(assertOkV2(bob.getTopics()));

    assertTrue(aliceSees.contains(granted) && aliceSees.contains(denied), aliceSees.toString());
    assertFalse(aliceSees.contains(secret), aliceSees.toString());
    assertTrue(aliceSees.stream().allMatch(topic -> topic.startsWith("granted-")), aliceSees.toString());
    assertEquals(aliceSees, bobSees);
  }

  @Test
  void brokers_needDescribeCluster() {
    assertOkV2(alice.getBrokers());
    assertRefused(bob.getBrokers(), "describe", "the cluster");
  }

  // --- produce ---------------------------------------------------------------------------------

  @Test
  void produce_permitted_lands() {
    String topic = kafka.createTopic("granted-produce", 1);

    assertProduced(alice.produce(topic, MediaTypes.BINARY_V2, RECORD), 1);
    assertProduced(alice.produce(topic, 0, MediaTypes.BINARY_V2, RECORD), 1);

    assertEquals(2, kafka.recordCount(topic));
  }

  @Test
  void produce_refused_nothingReachesKafka() {
    String topic = kafka.createTopic("granted-produce", 1);

    assertRefused(bob.produce(topic, MediaTypes.BINARY_V2, RECORD), "write", "topic '" + topic + "'");
    assertRefused(bob.produce(topic, 0, MediaTypes.BINARY_V2, RECORD), "write", "topic '" + topic + "'");
    assertRefused(alice.produce(secret, MediaTypes.BINARY_V2, RECORD), "write", "topic '" + secret + "'");

    assertEquals(0, kafka.recordCount(topic));
    assertEquals(0, kafka.recordCount(secret));
  }

  @Test
  void produce_denyRuleWinsOverAllow() {
    assertRefused(alice.produce(denied, MediaTypes.BINARY_V2, RECORD), "write", "topic '" + denied + "'");
    assertRefused(alice.produce(denied, 0, MediaTypes.BINARY_V2, RECORD), "write", "topic '" + denied + "'");

    assertEquals(0, kafka.recordCount(denied));
    assertOkV2(alice.getTopic(denied)); // only write is denied
  }

  // --- consumers -------------------------------------------------------------------------------

  @Test
  void createConsumer_needsReadOnTheGroup() {
    String group = KafkaTestClient.uniqueName("granted-group");

    assertRefused(alice.post("/consumers/other-group", MediaTypes.V2, "{\"name\":\"c\"}"), "read",
        "consumer-group 'other-group'");
    RestConsumer consumer = RestConsumer.create(alice, group, "{\"name\":\"c\"}");

    assertEquals(204, consumer.delete().status());
  }

  @Test
  void instanceRequests_groupNotPermitted_refusedBeforeTheLookUp() {
    String group = KafkaTestClient.uniqueName("other-group");
    RestConsumer.create(bob, group, "{\"name\":\"c\"}");
    RestConsumer asAlice = RestConsumer.named(alice, group, "c");

    // 403 whether or not an instance of that name exists (bob's does, and alice could not see it anyway).
    assertRefused(alice.get(asAlice.path() + "/subscription"), "read", "consumer-group '" + group + "'");
    assertRefused(asAlice.read(MediaTypes.BINARY_V2, 0), "read", "consumer-group '" + group + "'");
    assertRefused(asAlice.delete(), "read", "consumer-group '" + group + "'");
    assertRefused(RestConsumer.named(alice, group, "never-created").delete(), "read",
        "consumer-group '" + group + "'");
  }

  @Test
  void subscribeAssignSeekCommit_needReadOnEachTopic_andRefusalsChangeNothing() throws Exception {
    String group = KafkaTestClient.uniqueName("granted-group");
    assertProduced(alice.produce(granted, MediaTypes.BINARY_V2, RECORD), 1);
    RestConsumer consumer = RestConsumer.create(alice, group, "{\"name\":\"c\",\"format\":\"binary\"}");
    String refusedTopic = "topic '" + secret + "'";

    assertRefused(consumer.subscribe(granted, secret), "read", refusedTopic);
    assertRefused(consumer.post("/subscription", "{\"topic_pattern\":\"granted-.*\"}"), "read", "every topic");
    assertEquals("[]", alice.get(consumer.path() + "/subscription").json().get("topics").toString());
    assertRefused(consumer.assign(secret, 0), "read", refusedTopic);
    assertEquals("[]", alice.get(consumer.path() + "/assignments").json().get("partitions").toString());
    assertRefused(consumer.seek(secret, 0, 0), "read", refusedTopic);
    assertRefused(consumer.seekToBeginning(secret, 0), "read", refusedTopic);
    assertRefused(consumer.seekToEnd(secret, 0), "read", refusedTopic);
    assertRefused(consumer.commit(secret, 0, 5), "read", refusedTopic);
    assertRefused(consumer.committed(secret, 0), "describe", refusedTopic);
    assertEquals(Map.of(), committed(group));

    assertEquals(204, consumer.assign(granted, 0).status());
    assertEquals(204, consumer.seekToBeginning(granted, 0).status());
    assertFalse(consumer.readUntil(MediaTypes.BINARY_V2, 1, Duration.ofSeconds(15)).isEmpty());
    assertEquals(200, consumer.commit(granted, 0, 0).status());
    assertEquals(Map.of(new TopicPartition(granted, 0), 1L), committed(group));
    assertEquals(200, consumer.committed(granted, 0).status());
    assertEquals(204, consumer.delete().status());
  }

  @Test
  void rulesFile_replaced_newRulesApplyToTheNextRequest(@TempDir Path dir) {
    String topic = kafka.createTopic("reload", 1);
    List<String> rules = new ArrayList<>(List.of("allow user:alice describe topic:reload-*"));
    try (SecuredProxy own = SecuredProxy.start(kafka.bootstrapServers(), dir, List.of("alice"), rules, Map.of())) {
      ProxyClient client = own.as("alice");
      assertRefused(client.produce(topic, MediaTypes.BINARY_V2, RECORD), "write", "topic '" + topic + "'");

      rules.add("allow user:alice write topic:" + topic);
      own.replaceRules(rules);
      assertProduced(client.produce(topic, MediaTypes.BINARY_V2, RECORD), 1);

      own.replaceRules(List.of("# everything revoked", "deny user:alice all topic:*"));
      assertRefused(client.produce(topic, MediaTypes.BINARY_V2, RECORD), "write", "topic '" + topic + "'");
      assertRefused(client.getTopic(topic), "describe", "topic '" + topic + "'");
    }
    assertEquals(1, kafka.recordCount(topic));
  }

  /** Asserts 403/40301 and a message that names the operation and the resource, and not the caller. */
  private static void assertRefused(HttpResult result, String operation, String resource) {
    String message = assertError(result, 403, 40301, "Not authorized to " + operation);
    assertTrue(message.contains(resource), () -> "message should name " + resource + ": " + message);
    assertFalse(message.contains("alice") || message.contains("bob"), () -> "message names the caller: " + message);
  }

  private Map<TopicPartition, Long> committed(String group)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, Long> plain = new HashMap<>();
    offsets.forEach((partition, offset) -> plain.put(partition, offset.offset()));
    return plain;
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add(name.textValue()));
    return names;
  }
}
