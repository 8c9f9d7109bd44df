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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The v3 consumer-group endpoints against a real group: a native {@link KafkaConsumer} joins, is assigned
 * the three partitions of a topic holding 10, 4 and 10 records, and commits 3, 4 and 3, so the lags are
 * 7, 0 and 7.
 */
@ProxyTest
class V3ConsumerGroupsIT {
  private static final String CLIENT_ID = "v3-lag-client";

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;
  private final String clusterId;
  private final String c;
  private String topic;
  private String group;
  private KafkaConsumer<byte[], byte[]> consumer;
  private String memberId;

  V3ConsumerGroupsIT(ProxyClient proxy, KafkaTestClient kafka) throws Exception {
    this.proxy = proxy;
    this.kafka = kafka;
    this.clusterId = kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    this.c = "/v3/clusters/" + clusterId;
  }

  @BeforeEach
  void joinAndCommit() {
    topic = kafka.createTopic("v3-lag", 3);
    group = KafkaTestClient.uniqueName("v3-group");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      int[] counts = {10, 4, 10};
      for (int partition = 0; partition < counts.length; partition++) {
        for (int i = 0; i < counts[partition]; i++) {
          producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {(byte) i}));
        }
      }
      producer.flush();
    }
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    Await.until(Duration.ofSeconds(30), "the consumer to be assigned 3 partitions", () -> {
      consumer.poll(Duration.ofMillis(100));
      return consumer.assignment().size();
    }, size -> size == 3);
    consumer.commitSync(Map.of(
        new TopicPartition(topic, 0), new OffsetAndMetadata(3),
        new TopicPartition(topic, 1), new OffsetAndMetadata(4),
        new TopicPartition(topic, 2), new OffsetAndMetadata(3)));
    memberId = consumer.groupMetadata().memberId();
  }

  @AfterEach
  void leave() {
    consumer.close(Duration.ofSeconds(5));
  }

  @Test
  void group_stableWithOneMember_inConfluentsShape() {
    String self = c + "/consumer-groups/" + group;

    JsonNode body = Await.until(Duration.ofSeconds(15), "the group to be stable", () -> proxy.get(self),
        r -> r.status() == 200 && r.json().get("state").textValue().equals("STABLE")).json();

    assertResource(body, proxy, "KafkaConsumerGroup", self, "crn:///kafka=" + clusterId + "/consumer-group=" + group,
        "cluster_id", "consumer_group_id", "is_simple", "partition_assignor", "state", "type",
        "is_mixed_consumer_group", "coordinator", "consumers", "lag_summary");
    assertEquals(group, body.get("consumer_group_id").textValue());
    assertFalse(body.get("is_simple").booleanValue());
    assertFalse(body.get("partition_assignor").textValue().isEmpty(), body::toString);
    assertTrue(List.of("CLASSIC", "CONSUMER").contains(body.get("type").textValue()), body::toString);
    assertFalse(body.get("is_mixed_consumer_group").booleanValue());
    assertTrue(body.get("coordinator").get("related").textValue().startsWith(proxy.uri(c + "/brokers/").toString()));
    assertRelated(body.get("consumers"), proxy, self + "/consumers");
    assertRelated(body.get("lag_summary"), proxy, self + "/lag-summary");

    List<JsonNode> groups = assertList(assertOkV3(proxy.get(c + "/consumer-groups")), proxy, "KafkaConsumerGroupList",
        c + "/consumer-groups");
    List<String> ids = groups.stream().map(g -> g.get("consumer_group_id").textValue()).toList();
    assertTrue(ids.contains(group), ids::toString);
    assertEquals(ids.stream().sorted().toList(), ids);
  }

  @Test
  void consumersAndAssignments_theMemberAndItsPartitions() {
    String consumers = c + "/consumer-groups/" + group + "/consumers";

    List<JsonNode> members = assertList(assertOkV3(proxy.get(consumers)), proxy, "KafkaConsumerList", consumers);

    assertEquals(1, members.size());
    JsonNode member = members.get(0);
    assertResource(member, proxy, "KafkaConsumer", consumers + "/" + memberId,
        "crn:///kafka=" + clusterId + "/consumer-group=" + group + "/consumer=" + memberId, "cluster_id",
        "consumer_group_id", "consumer_id", "instance_id", "client_id", "assignments");
    assertEquals(memberId, member.get("consumer_id").textValue());
    assertTrue(member.get("instance_id").isNull());
    assertEquals(CLIENT_ID, member.get("client_id").textValue());
    assertRelated(member.get("assignments"), proxy, consumers + "/" + memberId + "/assignments");
    assertEquals(member, assertOkV3(proxy.get(consumers + "/" + memberId)));

    String assignments = consumers + "/" + memberId + "/assignments";
    List<JsonNode> assigned = assertList(assertOkV3(proxy.get(assignments)), proxy, "KafkaConsumerAssignmentList",
        assignments);
    assertEquals(List.of(0, 1, 2), assigned.stream().map(a -> a.get("partition_id").intValue()).toList());
    JsonNode one = assigned.get(1);
    assertResource(one, proxy, "KafkaConsumerAssignment", assignments + "/" + topic + "/partitions/1",
        "crn:///kafka=" + clusterId + "/consumer-group=" + group + "/consumer=" + memberId + "/assignment=" + topic
            + "/partition=1", "cluster_id", "consumer_group_id", "consumer_id", "topic_name", "partition_id",
        "partition", "lag");
    assertRelated(one.get("partition"), proxy, c + "/topics/" + topic + "/partitions/1");
    assertRelated(one.get("lag"), proxy, c + "/consumer-groups/" + group + "/lags/" + topic + "/partitions/1");
    assertEquals(one, assertOkV3(proxy.get(assignments + "/" + topic + "/partitions/1")));

    assertV3Error(proxy.get(consumers + "/nobody"), 404, 404);
    assertV3Error(proxy.get(assignments + "/" + topic + "/partitions/7"), 404, 404);
  }

  @Test
  void lags_committedOffsets_sortedByLagThenTopicThenPartition() {
    String lags = c + "/consumer-groups/" + group + "/lags";

    List<JsonNode> all = assertList(assertOkV3(proxy.get(lags)), proxy, "KafkaConsumerLagList", lags);

    assertEquals(List.of("0:3/10=7", "2:3/10=7", "1:4/4=0"), all.stream()
        .map(l -> l.get("partition_id").intValue() + ":" + l.get("current_offset").longValue() + "/"
            + l.get("log_end_offset").longValue() + "=" + l.get("lag").longValue())
        .toList());
    JsonNode first = all.get(0);
    assertResource(first, proxy, "KafkaConsumerLag", lags + "/" + topic + "/partitions/0",
        "crn:///kafka=" + clusterId + "/consumer-group=" + group + "/lag=" + topic + "/partition=0", "cluster_id",
        "consumer_group_id", "topic_name", "partition_id", "current_offset", "log_end_offset", "lag", "consumer_id",
        "instance_id", "client_id");
    assertEquals(topic, first.get("topic_name").textValue());
    assertEquals(memberId, first.get("consumer_id").textValue());
    assertEquals(CLIENT_ID, first.get("client_id").textValue());
    assertTrue(first.get("instance_id").isNull());

    JsonNode one = assertOkV3(proxy.get(lags + "/" + topic + "/partitions/1"));
    assertEquals(all.get(2), one);
    assertV3Error(proxy.get(lags + "/" + topic + "/partitions/9"), 404, 404);
  }

  @Test
  void lagSummary_maxAndTotal() {
    String self = c + "/consumer-groups/" + group + "/lag-summary";

    JsonNode summary = assertOkV3(proxy.get(self));

    assertResource(summary, proxy, "KafkaConsumerGroupLagSummary", self,
        "crn:///kafka=" + clusterId + "/consumer-group=" + group + "/lag-summary", "cluster_id", "consumer_group_id",
        "max_lag_consumer_id", "max_lag_instance_id", "max_lag_client_id", "max_lag_topic_name",
        "max_lag_partition_id", "max_lag", "total_lag", "max_lag_consumer", "max_lag_partition");
    assertEquals(7, summary.get("max_lag").longValue());
    assertEquals(14, summary.get("total_lag").longValue());
    assertEquals(topic, summary.get("max_lag_topic_name").textValue());
    assertEquals(0, summary.get("max_lag_partition_id").intValue());
    assertEquals(memberId, summary.get("max_lag_consumer_id").textValue());
    assertEquals(CLIENT_ID, summary.get("max_lag_client_id").textValue());
    assertTrue(summary.get("max_lag_instance_id").isNull());
    assertRelated(summary.get("max_lag_consumer"), proxy, c + "/consumer-groups/" + group + "/consumers/" + memberId);
    assertRelated(summary.get("max_lag_partition"), proxy, c + "/topics/" + topic + "/partitions/0");
  }

  @Test
  void lags_afterMemberLeaves_unassignedWithEmptyIds() {
    consumer.close(Duration.ofSeconds(5));
    consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    String lags = c + "/consumer-groups/" + group + "/lags";

    JsonNode first = Await.until(Duration.ofSeconds(15), "the member to leave", () -> proxy.get(lags),
        r -> r.status() == 200 && r.json().get("data").get(0).get("consumer_id").textValue().isEmpty())
        .json().get("data").get(0);

    assertEquals("", first.get("client_id").textValue());
    assertTrue(first.get("instance_id").isNull());
    assertEquals(7, first.get("lag").longValue());
    assertEquals("EMPTY", assertOkV3(proxy.get(c + "/consumer-groups/" + group)).get("state").textValue());
  }

  @Test
  void unknownGroupOrNoCommits_404() {
    assertV3Error(proxy.get(c + "/consumer-groups/no-such-group-v3"), 404, 404);
    assertV3Error(proxy.get(c + "/consumer-groups/no-such-group-v3/lags"), 404, 404);
    assertV3Error(proxy.get(c + "/consumer-groups/no-such-group-v3/lag-summary"), 404, 404);
    assertV3Error(proxy.get(c + "/consumer-groups/no-such-group-v3/consumers"), 404, 404);
    assertV3Error(proxy.get("/v3/clusters/other/consumer-groups/" + group), 404, 404);
  }
}
