package dev.kafkarest.it;

import static dev.kafkarest.it.V3Assertions.assertList;
import static dev.kafkarest.it.V3Assertions.assertOkV3;
import static dev.kafkarest.it.V3Assertions.assertRelated;
import static dev.kafkarest.it.V3Assertions.assertResource;
import static dev.kafkarest.it.V3Assertions.assertV3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The v3 cluster, broker, topic, topic config and partition endpoints, checked against Confluent's shapes. */
@ProxyTest
class V3TopicsIT {
  private static final String JSON = MediaTypes.JSON;

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;
  private final String clusterId;
  private final String c;

  V3TopicsIT(ProxyClient proxy, KafkaTestClient kafka) throws Exception {
    this.proxy = proxy;
    this.kafka = kafka;
    this.clusterId = kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    this.c = "/v3/clusters/" + clusterId;
  }

  @Test
  void listClusters_theOneCluster_inConfluentsShape() throws Exception {
    int controller = kafka.admin().describeCluster().controller().get(30, TimeUnit.SECONDS).id();

    List<JsonNode> clusters = assertList(assertOkV3(proxy.get("/v3/clusters")), proxy, "KafkaClusterList",
        "/v3/clusters");

    assertEquals(1, clusters.size());
    JsonNode cluster = clusters.get(0);
    assertResource(cluster, proxy, "KafkaCluster", c, "crn:///kafka=" + clusterId, "cluster_id", "controller", "acls",
        "brokers", "broker_configs", "consumer_groups", "topics", "partition_reassignments");
    assertEquals(clusterId, cluster.get("cluster_id").textValue());
    assertRelated(cluster.get("controller"), proxy, c + "/brokers/" + controller);
    assertRelated(cluster.get("acls"), proxy, c + "/acls");
    assertRelated(cluster.get("brokers"), proxy, c + "/brokers");
    assertRelated(cluster.get("broker_configs"), proxy, c + "/broker-configs");
    assertRelated(cluster.get("consumer_groups"), proxy, c + "/consumer-groups");
    assertRelated(cluster.get("topics"), proxy, c + "/topics");
    assertRelated(cluster.get("partition_reassignments"), proxy, c + "/topics/-/partitions/-/reassignment");
    assertEquals(cluster, assertOkV3(proxy.get(c)));
  }

  @Test
  void unknownClusterId_everyKindOfPath_404() {
    String other = "/v3/clusters/not-" + clusterId;

    assertV3Error(proxy.get(other), 404, 404);
    assertV3Error(proxy.get(other + "/brokers"), 404, 404);
    assertV3Error(proxy.get(other + "/topics"), 404, 404);
    assertV3Error(proxy.get(other + "/topics/t/configs"), 404, 404);
    assertV3Error(proxy.get(other + "/consumer-groups"), 404, 404);
    assertV3Error(proxy.post(other + "/topics", JSON, "{\"topic_name\":\"" + KafkaTestClient.uniqueName("x") + "\"}"),
        404, 404);
  }

  @Test
  void brokers_listAndGet_matchTheCluster() {
    List<JsonNode> brokers = assertList(assertOkV3(proxy.get(c + "/brokers")), proxy, "KafkaBrokerList",
        c + "/brokers");

    assertEquals(kafka.brokerIds(), brokers.stream().map(b -> b.get("broker_id").intValue()).collect(Collectors.toSet()));
    JsonNode broker = brokers.get(0);
    int id = broker.get("broker_id").intValue();
    assertResource(broker, proxy, "KafkaBroker", c + "/brokers/" + id, "crn:///kafka=" + clusterId + "/broker=" + id,
        "cluster_id", "broker_id", "host", "port", "rack", "configs", "partition_replicas");
    assertTrue(broker.get("host").isTextual() && broker.get("port").intValue() > 0, broker::toString);
    assertTrue(broker.get("rack").isNull(), broker::toString);
    assertRelated(broker.get("configs"), proxy, c + "/brokers/" + id + "/configs");
    assertRelated(broker.get("partition_replicas"), proxy, c + "/brokers/" + id + "/partition-replicas");
    assertEquals(broker, assertOkV3(proxy.get(c + "/brokers/" + id)));
    assertV3Error(proxy.get(c + "/brokers/9999"), 404, 404);
    assertV3Error(proxy.get(c + "/brokers/x"), 404, 404);
  }

  @Test
  void createTopic_201WithLocation_thenGetListPatchDelete() {
    String topic = KafkaTestClient.uniqueName("v3-create");

    HttpResult created = proxy.post(c + "/topics", JSON, "{\"topic_name\":\"" + topic + "\",\"partitions_count\":2,"
        + "\"replication_factor\":1,\"configs\":[{\"name\":\"retention.ms\",\"value\":\"123456\"}]}");

    JsonNode body = assertOkV3(created, 201);
    assertEquals(proxy.uri(c + "/topics/" + topic).toString(), created.header("Location"));
    assertTopic(body, topic, 2);
    assertEquals("123456", kafka.topicConfigs(topic).get("retention.ms"));
    assertEquals(2, kafka.describe(topic).partitions().size());
    assertTopic(assertOkV3(proxy.get(c + "/topics/" + topic)), topic, 2);

    List<JsonNode> listed = assertList(assertOkV3(proxy.get(c + "/topics")), proxy, "KafkaTopicList", c + "/topics");
    List<String> names = listed.stream().map(t -> t.get("topic_name").textValue()).toList();
    assertTrue(names.contains(topic), names::toString);
    assertEquals(names.stream().sorted().toList(), names, "sorted by name");
    assertTrue(names.stream().noneMatch(name -> name.startsWith("__")), names::toString);

    assertTopic(assertOkV3(proxy.method("PATCH", c + "/topics/" + topic,
        BodyPublishers.ofString("{\"partitions_count\":3}"), "Content-Type", JSON)), topic, 3);
    assertEquals(3, kafka.describe(topic).partitions().size());
    assertV3Error(proxy.method("PATCH", c + "/topics/" + topic, BodyPublishers.ofString("{\"partitions_count\":1}"),
        "Content-Type", JSON), 400, 40002);

    HttpResult deleted = proxy.method("DELETE", c + "/topics/" + topic, BodyPublishers.noBody());
    assertEquals(204, deleted.status(), deleted::toString);
    assertEquals("", deleted.body());
    Await.until(Duration.ofSeconds(15), "topic deleted", () -> proxy.get(c + "/topics/" + topic),
        r -> r.status() == 404);
    assertV3Error(proxy.get(c + "/topics/" + topic), 404, 404);
    assertV3Error(proxy.method("DELETE", c + "/topics/" + topic, BodyPublishers.noBody()), 404, 404);
  }

  @Test
  void listTopics_includeInternal_showsConsumerOffsets() {
    kafka.ensureConsumerOffsetsTopic(kafka.createTopic("v3-internal", 1));

    List<JsonNode> all = assertList(assertOkV3(proxy.get(c + "/topics?include_internal=true")), proxy,
        "KafkaTopicList", c + "/topics");

    JsonNode offsets = all.stream().filter(t -> t.get("topic_name").textValue().equals("__consumer_offsets"))
        .findFirst().orElseThrow(() -> new AssertionError("no __consumer_offsets in " + all));
    assertTrue(offsets.get("is_internal").booleanValue(), offsets::toString);
  }

  @Test
  void createTopic_validateOnly_200AndNothingCreated() {
    String topic = KafkaTestClient.uniqueName("v3-validate");

    JsonNode body = assertOkV3(proxy.post(c + "/topics", JSON,
        "{\"topic_name\":\"" + topic + "\",\"partitions_count\":4,\"validate_only\":true}"));

    assertTopic(body, topic, 4);
    assertFalse(kafka.topicNames(false).contains(topic));
  }

  @Test
  void createTopic_badInputs_confluentsErrors() {
    String existing = kafka.createTopic("v3-dup", 1);

    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"" + existing + "\"}"), 400, 40002);
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"bad name!\"}"), 422, 42206);
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"..\"}"), 422, 42206);
    assertV3Error(proxy.post(c + "/topics", JSON, "{}"), 422, 42206);
    assertV3Error(proxy.post(c + "/topics", JSON, ""), 422, 42206);
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"x\",\"colour\":1}"), 422, 422);
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":"), 400, 400);
    String topic = KafkaTestClient.uniqueName("v3-badconfig");
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"" + topic
        + "\",\"configs\":[{\"name\":\"retention.ms\",\"value\":\"soon\"}]}"), 400, 40002);
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"" + topic + "\",\"replication_factor\":9}"),
        400, 40002);
    // A broker that does not exist, or partitions not numbered from 0: Kafka's INVALID_REPLICA_ASSIGNMENT.
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"" + topic
        + "\",\"replicas_assignments\":{\"0\":[999]}}"), 400, 40002);
    assertV3Error(proxy.post(c + "/topics", JSON, "{\"topic_name\":\"" + topic + "\",\"configs\":[null]}"), 422,
        42206);
    assertFalse(kafka.topicNames(false).contains(topic));
  }

  @Test
  void topicConfigs_listGetSetResetAlter() {
    String topic = kafka.createTopic("v3-configs", 1, Map.of("retention.ms", "3600000"));
    String configs = c + "/topics/" + topic + "/configs";

    List<JsonNode> all = assertList(assertOkV3(proxy.get(configs)), proxy, "KafkaTopicConfigList", configs);
    List<String> names = all.stream().map(cfg -> cfg.get("name").textValue()).toList();
    assertEquals(names.stream().sorted().toList(), names);
    JsonNode retention = all.stream().filter(cfg -> cfg.get("name").textValue().equals("retention.ms")).findFirst()
        .orElseThrow();
    assertConfig(retention, topic, "retention.ms");
    assertEquals("3600000", retention.get("value").textValue());
    assertEquals("DYNAMIC_TOPIC_CONFIG", retention.get("source").textValue());
    assertFalse(retention.get("is_default").booleanValue());
    JsonNode synonym = retention.get("synonyms").get(0);
    assertEquals(Set.of("name", "value", "source"), V3Assertions.fieldNames(synonym));
    assertEquals("DYNAMIC_TOPIC_CONFIG", synonym.get("source").textValue());
    assertEquals(retention, assertOkV3(proxy.get(configs + "/retention.ms")));
    assertV3Error(proxy.get(configs + "/no.such.config"), 404, 404);

    HttpResult set = proxy.method("PUT", configs + "/retention.ms", BodyPublishers.ofString("{\"value\":\"7200000\"}"),
        "Content-Type", JSON);
    assertEquals(204, set.status(), set::toString);
    awaitConfig(topic, "retention.ms", "7200000");

    HttpResult reset = proxy.method("DELETE", configs + "/retention.ms", BodyPublishers.noBody());
    assertEquals(204, reset.status(), reset::toString);
    JsonNode restored = assertOkV3(proxy.get(configs + "/retention.ms"));
    assertEquals("DEFAULT_CONFIG", restored.get("source").textValue());
    assertTrue(restored.get("is_default").booleanValue(), restored::toString);

    HttpResult altered = proxy.post(c + "/topics/" + topic + "/configs:alter", JSON,
        "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"60000\"},{\"name\":\"cleanup.policy\",\"value\":\"compact\"}]}");
    assertEquals(204, altered.status(), altered::toString);
    awaitConfig(topic, "retention.ms", "60000");
    awaitConfig(topic, "cleanup.policy", "compact");
    assertEquals(204, proxy.post(c + "/topics/" + topic + "/configs:alter", JSON,
        "{\"data\":[{\"name\":\"cleanup.policy\",\"operation\":\"DELETE\"}]}").status());
    awaitConfig(topic, "cleanup.policy", "delete");
    assertEquals(204, proxy.post(c + "/topics/" + topic + "/configs:alter", JSON,
        "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"1\"}],\"validate_only\":true}").status());
    assertEquals("60000", kafka.topicConfigs(topic).get("retention.ms"));
  }

  @Test
  void topicConfigs_badInputs_confluentsErrors() {
    String topic = kafka.createTopic("v3-badcfg", 1);
    String configs = c + "/topics/" + topic + "/configs";

    assertV3Error(proxy.method("PUT", configs + "/no.such.config", BodyPublishers.ofString("{\"value\":\"1\"}"),
        "Content-Type", JSON), 400, 40002);
    assertV3Error(proxy.method("PUT", configs + "/retention.ms", BodyPublishers.ofString("{\"value\":\"soon\"}"),
        "Content-Type", JSON), 400, 40002);
    assertV3Error(proxy.post(c + "/topics/" + topic + "/configs:alter", JSON,
        "{\"data\":[{\"name\":\"retention.ms\",\"operation\":\"APPEND_MAYBE\"}]}"), 422, 42206);
    assertV3Error(proxy.get(c + "/topics/no-such-topic-v3/configs"), 404, 404);
    assertV3Error(proxy.method("PUT", c + "/topics/no-such-topic-v3/configs/retention.ms",
        BodyPublishers.ofString("{\"value\":\"1\"}"), "Content-Type", JSON), 404, 404);
  }

  @Test
  void allTopicConfigs_dash_listsEveryTopicsConfigs() {
    String topic = kafka.createTopic("v3-allcfg", 1, Map.of("retention.ms", "4444444"));

    List<JsonNode> all = assertList(assertOkV3(proxy.get(c + "/topics/-/configs")), proxy, "KafkaTopicConfigList",
        c + "/topics/-/configs");

    JsonNode retention = all.stream()
        .filter(cfg -> cfg.get("topic_name").textValue().equals(topic) && cfg.get("name").textValue().equals("retention.ms"))
        .findFirst().orElseThrow(() -> new AssertionError("no retention.ms of " + topic));
    assertEquals("4444444", retention.get("value").textValue());
    assertConfig(retention, topic, "retention.ms");
  }

  @Test
  void partitions_listGetOffsets() {
    String topic = kafka.createTopic("v3-partitions", 2);
    ProxyAssertions.assertProduced(proxy.produce(topic, 1, MediaTypes.BINARY_V2,
        "{\"records\":[{\"value\":\"YQ==\"},{\"value\":\"Yg==\"},{\"value\":\"Yw==\"}]}"), 3);
    String partitions = c + "/topics/" + topic + "/partitions";

    List<JsonNode> all = assertList(assertOkV3(proxy.get(partitions)), proxy, "KafkaPartitionList", partitions);

    assertEquals(List.of(0, 1), all.stream().map(p -> p.get("partition_id").intValue()).toList());
    JsonNode one = all.get(1);
    assertResource(one, proxy, "KafkaPartition", partitions + "/1",
        "crn:///kafka=" + clusterId + "/topic=" + topic + "/partition=1", "cluster_id", "topic_name", "partition_id",
        "leader", "replicas", "reassignment");
    int leader = kafka.describe(topic).partitions().get(1).leader().id();
    assertRelated(one.get("leader"), proxy, partitions + "/1/replicas/" + leader);
    assertRelated(one.get("replicas"), proxy, partitions + "/1/replicas");
    assertRelated(one.get("reassignment"), proxy, partitions + "/1/reassignment");
    assertEquals(one, assertOkV3(proxy.get(partitions + "/1")));

    JsonNode offsets = assertOkV3(proxy.get(partitions + "/1/offset?offset_type=earliest_and_latest"));
    assertResource(offsets, proxy, "KafkaPartitionWithOffsets", partitions + "/1/offset",
        "crn:///kafka=" + clusterId + "/topic=" + topic + "/partition=1", "cluster_id", "topic_name", "partition_id",
        "earliest_offset", "latest_offset");
    assertEquals(0, offsets.get("earliest_offset").longValue());
    assertEquals(3, offsets.get("latest_offset").longValue());
    assertEquals(0, assertOkV3(proxy.get(partitions + "/0/offset")).get("latest_offset").longValue());

    assertV3Error(proxy.get(partitions + "/2"), 404, 404);
    assertV3Error(proxy.get(partitions + "/-1"), 404, 404);
    assertV3Error(proxy.get(partitions + "/1/offset?offset_type=latest"), 400, 400);
    assertV3Error(proxy.get(c + "/topics/no-such-topic-v3/partitions"), 404, 404);
  }

  @Test
  void listTopics_thousandTopics_listedQuickly() {
    String prefix = KafkaTestClient.uniqueName("v3-many");
    List<org.apache.kafka.clients.admin.NewTopic> topics = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      topics.add(new org.apache.kafka.clients.admin.NewTopic(String.format("%s-%04d", prefix, i), 1, (short) 1));
    }
    try {
      kafka.admin().createTopics(topics).all().get(120, TimeUnit.SECONDS);
      Await.until(Duration.ofSeconds(60), "1,000 topics in the metadata", () -> kafka.topicNames(false),
          names -> names.stream().filter(name -> name.startsWith(prefix)).count() == 1_000);

      HttpResult result = proxy.get(c + "/topics");

      List<JsonNode> listed = assertList(assertOkV3(result), proxy, "KafkaTopicList", c + "/topics");
      assertEquals(1_000, listed.stream().filter(t -> t.get("topic_name").textValue().startsWith(prefix)).count());
      assertTrue(result.elapsed().compareTo(Duration.ofSeconds(5)) < 0, () -> "took " + result.elapsed());
      assertTrue(result.body().getBytes(StandardCharsets.UTF_8).length > 1_000 * 300, "every topic in full");
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      // Gone before the next test, so that no other test lists a thousand topics being deleted.
      try {
        kafka.admin().deleteTopics(topics.stream().map(org.apache.kafka.clients.admin.NewTopic::name).toList())
            .all().get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Topics that were never created cannot be deleted; the assertion above explains the failure.
      }
      Await.until(Duration.ofSeconds(60), "the 1,000 topics to be gone", () -> kafka.topicNames(false),
          names -> names.stream().noneMatch(name -> name.startsWith(prefix)));
    }
  }

  private void assertTopic(JsonNode topic, String name, int partitions) {
    String self = c + "/topics/" + name;
    assertResource(topic, proxy, "KafkaTopic", self, "crn:///kafka=" + clusterId + "/topic=" + name, "cluster_id",
        "topic_name", "is_internal", "replication_factor", "partitions_count", "partitions", "configs",
        "partition_reassignments", "authorized_operations");
    assertEquals(clusterId, topic.get("cluster_id").textValue());
    assertEquals(name, topic.get("topic_name").textValue());
    assertFalse(topic.get("is_internal").booleanValue());
    assertEquals(1, topic.get("replication_factor").intValue());
    assertEquals(partitions, topic.get("partitions_count").intValue());
    assertRelated(topic.get("partitions"), proxy, self + "/partitions");
    assertRelated(topic.get("configs"), proxy, self + "/configs");
    assertRelated(topic.get("partition_reassignments"), proxy, self + "/partitions/-/reassignment");
    assertTrue(topic.get("authorized_operations").isArray() && topic.get("authorized_operations").isEmpty());
  }

  private void assertConfig(JsonNode config, String topic, String name) {
    assertResource(config, proxy, "KafkaTopicConfig", c + "/topics/" + topic + "/configs/" + name,
        "crn:///kafka=" + clusterId + "/topic=" + topic + "/config=" + name, "cluster_id", "topic_name", "name",
        "value", "is_default", "is_read_only", "is_sensitive", "source", "synonyms");
    assertEquals(clusterId, config.get("cluster_id").textValue());
    assertEquals(topic, config.get("topic_name").textValue());
    assertFalse(config.get("is_sensitive").booleanValue());
    assertTrue(config.get("synonyms").isArray());
  }

  /** A config change is applied by the broker after the controller accepted it, so it shows up shortly after. */
  private void awaitConfig(String topic, String name, String value) {
    Await.until(Duration.ofSeconds(10), name + "=" + value + " on " + topic,
        () -> value.equals(kafka.topicConfigs(topic).get(name)));
  }
}
