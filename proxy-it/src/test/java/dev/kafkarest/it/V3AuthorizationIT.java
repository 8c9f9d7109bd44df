package dev.kafkarest.it;

import static dev.kafkarest.it.V3Assertions.assertList;
import static dev.kafkarest.it.V3Assertions.assertOkV3;
import static dev.kafkarest.it.V3Assertions.assertV3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * v3 under a rules file: listings (topics, all topic configs, consumer groups) show only what the caller may
 * describe, lags count only describable topics, and each write needs its own operation on the topic.
 */
@ProxyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V3AuthorizationIT {
  private final KafkaTestClient kafka;
  private final String granted;
  private final String secret;
  private final String grantedGroup;
  private final String secretGroup;
  private String c;
  private SecuredProxy proxy;
  private ProxyClient alice;
  private ProxyClient bob;

  V3AuthorizationIT(KafkaTestClient kafka) throws Exception {
    this.kafka = kafka;
    this.granted = kafka.createTopic("v3granted", 1);
    this.secret = kafka.createTopic("v3secret", 1);
    this.grantedGroup = KafkaTestClient.uniqueName("v3granted-group");
    this.secretGroup = KafkaTestClient.uniqueName("v3secret-group");
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(new TopicPartition(granted, 0), new OffsetAndMetadata(0),
        new TopicPartition(secret, 0), new OffsetAndMetadata(0));
    kafka.admin().alterConsumerGroupOffsets(grantedGroup, offsets).all().get(30, TimeUnit.SECONDS);
    kafka.admin().alterConsumerGroupOffsets(secretGroup, offsets).all().get(30, TimeUnit.SECONDS);
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    proxy = SecuredProxy.start(kafka.bootstrapServers(), dir, List.of("alice", "bob"), List.of(
        "allow user:alice describe,create,alter topic:v3granted-*",
        "allow user:alice describe consumer-group:v3granted-*",
        "allow user:alice describe cluster",
        "allow user:bob describe topic:v3granted-*"), Map.of());
    alice = proxy.as("alice");
    bob = proxy.as("bob");
    c = "/v3/clusters/" + kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  @Test
  void cluster_needsDescribeCluster() {
    assertOkV3(alice.get(c));
    assertRefused(bob.get(c), "describe", "the cluster");
    assertRefused(bob.get("/v3/clusters"), "describe", "the cluster");
  }

  @Test
  void listings_showOnlyWhatTheCallerMayDescribe() {
    List<String> topics = assertList(assertOkV3(alice.get(c + "/topics")), alice, "KafkaTopicList", c + "/topics")
        .stream().map(t -> t.get("topic_name").textValue()).toList();
    assertTrue(topics.contains(granted), topics::toString);
    assertTrue(topics.stream().allMatch(name -> name.startsWith("v3granted-")), topics::toString);

    List<JsonNode> configs = assertList(assertOkV3(alice.get(c + "/topics/-/configs")), alice,
        "KafkaTopicConfigList", c + "/topics/-/configs");
    assertFalse(configs.isEmpty());
    assertTrue(configs.stream().allMatch(cfg -> cfg.get("topic_name").textValue().startsWith("v3granted-")));

    List<String> groups = assertList(assertOkV3(alice.get(c + "/consumer-groups")), alice, "KafkaConsumerGroupList",
        c + "/consumer-groups").stream().map(g -> g.get("consumer_group_id").textValue()).toList();
    assertTrue(groups.contains(grantedGroup), groups::toString);
    assertFalse(groups.contains(secretGroup), groups::toString);
    assertTrue(assertList(assertOkV3(bob.get(c + "/consumer-groups")), bob, "KafkaConsumerGroupList",
        c + "/consumer-groups").isEmpty());
  }

  @Test
  void lags_countOnlyDescribableTopics_groupNeedsDescribe() {
    List<String> topics = assertList(assertOkV3(alice.get(c + "/consumer-groups/" + grantedGroup + "/lags")), alice,
        "KafkaConsumerLagList", c + "/consumer-groups/" + grantedGroup + "/lags")
        .stream().map(lag -> lag.get("topic_name").textValue()).toList();
    assertEquals(List.of(granted), topics);
    assertEquals(granted, assertOkV3(alice.get(c + "/consumer-groups/" + grantedGroup + "/lag-summary"))
        .get("max_lag_topic_name").textValue());

    assertRefused(alice.get(c + "/consumer-groups/" + grantedGroup + "/lags/" + secret + "/partitions/0"),
        "describe", "topic '" + secret + "'");
    assertRefused(alice.get(c + "/consumer-groups/" + secretGroup), "describe",
        "consumer-group '" + secretGroup + "'");
    assertRefused(alice.get(c + "/consumer-groups/" + secretGroup + "/lags"), "describe",
        "consumer-group '" + secretGroup + "'");
  }

  @Test
  void topicWrites_eachNeedsItsOperation() {
    String created = KafkaTestClient.uniqueName("v3granted-new");
    assertOkV3(alice.post(c + "/topics", MediaTypes.JSON, "{\"topic_name\":\"" + created + "\"}"), 201);
    assertRefused(alice.post(c + "/topics", MediaTypes.JSON, "{\"topic_name\":\"v3secret-new\"}"), "create",
        "topic 'v3secret-new'");
    assertRefused(alice.method("DELETE", c + "/topics/" + created, BodyPublishers.noBody()), "delete",
        "topic '" + created + "'");
    assertRefused(alice.method("PUT", c + "/topics/" + secret + "/configs/retention.ms",
        BodyPublishers.ofString("{\"value\":\"1\"}"), "Content-Type", MediaTypes.JSON), "alter",
        "topic '" + secret + "'");
    assertRefused(bob.post(c + "/topics/" + granted + "/configs:alter", MediaTypes.JSON, "{\"data\":[]}"), "alter",
        "topic '" + granted + "'");
    assertRefused(alice.get(c + "/topics/" + secret + "/partitions"), "describe", "topic '" + secret + "'");
  }

  private static void assertRefused(HttpResult result, String operation, String resource) {
    String message = assertV3Error(result, 403, 40301);
    assertTrue(message.startsWith("Not authorized to " + operation), message);
    assertTrue(message.contains(resource), () -> "message should name " + resource + ": " + message);
  }
}
