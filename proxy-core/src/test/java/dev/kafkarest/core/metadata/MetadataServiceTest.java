package dev.kafkarest.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.metadata.PartitionMetadata.Replica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class MetadataServiceTest {
  private static final Node B0 = new Node(0, "b0", 9092);
  private static final Node B1 = new Node(1, "b1", 9092);
  private static final Node B2 = new Node(2, "b2", 9092);

  private final MockAdminClient admin = new MockAdminClient(List.of(B2, B0, B1), B0);
  private final MetadataService metadata = new MetadataService(admin, Duration.ofSeconds(5));

  @Test
  void topicNames_severalTopics_returnsThemSorted() {
    addTopic("payments", 1);
    addTopic("audit", 1);
    addTopic("orders", 1);

    assertEquals(List.of("audit", "orders", "payments"), metadata.topicNames().join());
  }

  @Test
  void topicNames_timeout_fails50302() {
    admin.timeoutNextRequest(1);

    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, failure(metadata.topicNames()).errorCode());
  }

  @Test
  void topic_existing_returnsConfigsSortedAndPartitionsInOrder() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("retention.ms", "604800000");
    configs.put("cleanup.policy", "delete");
    admin.addTopic(false, "orders", List.of(
        new TopicPartitionInfo(1, B1, List.of(B1, B2), List.of(B1)),
        new TopicPartitionInfo(0, B0, List.of(B0, B1), List.of(B0, B1))), configs);

    TopicMetadata topic = metadata.topic("orders").join();

    assertEquals("orders", topic.name());
    assertEquals(List.of("cleanup.policy", "retention.ms"), new ArrayList<>(topic.configs().keySet()));
    assertEquals("604800000", topic.configs().get("retention.ms"));
    assertEquals(List.of(
        new PartitionMetadata(0, 0, List.of(new Replica(0, true, true), new Replica(1, false, true))),
        new PartitionMetadata(1, 1, List.of(new Replica(1, true, true), new Replica(2, false, false)))),
        topic.partitions());
  }

  @Test
  void topic_sensitiveConfig_hasNullValue() {
    MetadataService service = new MetadataService(new MockAdminClient(List.of(B0), B0) {
      @Override
      public synchronized DescribeConfigsResult describeConfigs(
          Collection<ConfigResource> resources, DescribeConfigsOptions options) {
        ConfigEntry secret = new ConfigEntry("sasl.jaas.config", "password=hunter2", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG,
            true, false, List.of(), ConfigEntry.ConfigType.PASSWORD, null);
        ConfigEntry plain = new ConfigEntry("cleanup.policy", "compact");
        Config config = new Config(List.of(secret, plain));
        return new DescribeConfigsResult(Map.of(resources.iterator().next(), KafkaFuture.completedFuture(config))) {};
      }

      {
        addTopic(false, "orders", List.of(new TopicPartitionInfo(0, B0, List.of(B0), List.of(B0))), Map.of());
      }
    }, Duration.ofSeconds(5));

    TopicMetadata topic = service.topic("orders").join();

    assertTrue(topic.configs().containsKey("sasl.jaas.config"));
    assertNull(topic.configs().get("sasl.jaas.config"));
    assertEquals("compact", topic.configs().get("cleanup.policy"));
  }

  @Test
  void topic_missing_fails40401() {
    ProxyException e = failure(metadata.topic("missing"));

    assertSame(ErrorCode.TOPIC_NOT_FOUND, e.errorCode());
    assertEquals("Topic missing not found.", e.getMessage());
  }

  @Test
  void topic_describeTimesOut_fails50302() {
    addTopic("orders", 1);
    admin.timeoutNextRequest(1);

    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, failure(metadata.topic("orders")).errorCode());
  }

  @Test
  void partitions_existing_returnsThemByPartitionId() {
    admin.addTopic(false, "orders", List.of(
        new TopicPartitionInfo(2, B2, List.of(B2), List.of(B2)),
        new TopicPartitionInfo(0, B0, List.of(B0), List.of(B0)),
        new TopicPartitionInfo(1, B1, List.of(B1), List.of())), Map.of());

    List<PartitionMetadata> partitions = metadata.partitions("orders").join();

    assertEquals(List.of(0, 1, 2), partitions.stream().map(PartitionMetadata::partition).toList());
    assertEquals(List.of(new Replica(1, true, false)), partitions.get(1).replicas());
  }

  @Test
  void partitions_leaderless_reportsLeaderMinusOne() {
    TopicDescription leaderless = new TopicDescription("orders", false,
        List.of(new TopicPartitionInfo(0, null, List.of(B0, B1), List.of())));
    MetadataService service = new MetadataService(new MockAdminClient(List.of(B0, B1), B0) {
      @Override
      public synchronized DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
        return new DescribeTopicsResult(null, Map.of("orders", KafkaFuture.completedFuture(leaderless))) {};
      }
    }, Duration.ofSeconds(5));

    PartitionMetadata partition = service.partitions("orders").join().get(0);

    assertEquals(-1, partition.leader());
    assertEquals(List.of(new Replica(0, false, false), new Replica(1, false, false)), partition.replicas());
  }

  @Test
  void partitions_missingTopic_fails40401() {
    assertSame(ErrorCode.TOPIC_NOT_FOUND, failure(metadata.partitions("missing")).errorCode());
  }

  @Test
  void partition_existing_returnsIt() {
    addTopic("orders", 3);

    assertEquals(2, metadata.partition("orders", 2).join().partition());
  }

  @Test
  void partition_beyondCount_fails40402() {
    addTopic("orders", 3);

    ProxyException e = failure(metadata.partition("orders", 3));

    assertSame(ErrorCode.PARTITION_NOT_FOUND, e.errorCode());
    assertEquals("Partition not found. Topic orders has no partition 3.", e.getMessage());
  }

  @Test
  void partition_missingTopic_fails40401() {
    assertSame(ErrorCode.TOPIC_NOT_FOUND, failure(metadata.partition("missing", 0)).errorCode());
  }

  @Test
  void offsets_existingPartition_returnsBeginningAndEnd() {
    addTopic("orders", 2);
    TopicPartition tp = new TopicPartition("orders", 1);
    admin.updateBeginningOffsets(Map.of(tp, 5L));
    admin.updateEndOffsets(Map.of(tp, 42L));

    assertEquals(new PartitionOffsets(5, 42), metadata.offsets("orders", 1).join());
  }

  @Test
  void offsets_unknownPartition_fails40402() {
    addTopic("orders", 2);

    assertSame(ErrorCode.PARTITION_NOT_FOUND, failure(metadata.offsets("orders", 2)).errorCode());
  }

  @Test
  void offsets_missingTopic_fails40401() {
    assertSame(ErrorCode.TOPIC_NOT_FOUND, failure(metadata.offsets("missing", 0)).errorCode());
  }

  @Test
  void brokerIds_cluster_returnsIdsSorted() {
    assertEquals(List.of(0, 1, 2), metadata.brokerIds().join());
  }

  @Test
  void brokerIds_timeout_fails50302() {
    admin.timeoutNextRequest(1);

    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, failure(metadata.brokerIds()).errorCode());
  }

  private void addTopic(String name, int partitions) {
    List<TopicPartitionInfo> infos = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      infos.add(new TopicPartitionInfo(i, B0, List.of(B0), List.of(B0)));
    }
    admin.addTopic(false, name, infos, Map.of());
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, e.getCause());
  }
}
