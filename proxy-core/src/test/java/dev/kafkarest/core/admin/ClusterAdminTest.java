package dev.kafkarest.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class ClusterAdminTest {
  private static final Node B0 = new Node(0, "b0", 9092, "rack-a");
  private static final Node B1 = new Node(1, "b1", 9093);

  private final MockAdminClient admin = MockAdminClient.create().brokers(List.of(B1, B0)).controller(0)
      .clusterId("cluster-1").build();
  private final ClusterAdmin cluster = new ClusterAdmin(admin, Duration.ofSeconds(5));

  @Test
  void cluster_knownId_returnsControllerAndBrokersSortedById() {
    ClusterInfo info = cluster.cluster("cluster-1").join();

    assertEquals("cluster-1", info.clusterId());
    assertEquals(1, info.controllerId());
    assertEquals(List.of(new BrokerInfo(0, "b0", 9092, "rack-a"), new BrokerInfo(1, "b1", 9093, null)), info.brokers());
  }

  @Test
  void anyCall_otherClusterId_fails404() {
    assertNotFound(cluster.cluster("other"));
    assertNotFound(cluster.topics("other", false));
    cluster.cluster().join();
    // Known from then on: answered without asking Kafka.
    admin.timeoutNextRequest(1);
    assertNotFound(cluster.topic("other", "t"));
  }

  @Test
  void broker_unknownId_fails404() {
    assertEquals("b1", cluster.broker("cluster-1", 1).join().host());
    assertNotFound(cluster.broker("cluster-1", 7));
  }

  @Test
  void topics_internalExcludedUnlessAsked_sortedByName() {
    addTopic("zeta", 2, false);
    addTopic("alpha", 1, false);
    addTopic("__consumer_offsets", 1, true);

    List<TopicInfo> topics = cluster.topics("cluster-1", false).join();

    assertEquals(List.of(new TopicInfo("alpha", false, 2, 1), new TopicInfo("zeta", false, 2, 2)), topics);
    assertEquals(3, cluster.topics("cluster-1", true).join().size());
  }

  @Test
  void topic_unknown_fails404NamingIt() {
    ProxyException e = assertNotFound(cluster.topic("cluster-1", "nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void createTopic_illegalName_fails42206WithoutAskingKafka() {
    admin.timeoutNextRequest(1);

    ProxyException e = failure(cluster.createTopic("cluster-1",
        new TopicSpec("bad name", 1, (short) 1, Map.of(), Map.of()), false));

    assertSame(ErrorCode.INVALID_PAYLOAD, e.errorCode());
    assertEquals(422, e.errorCode().httpStatus());
  }

  @Test
  void createTopic_existing_fails40002() {
    addTopic("taken", 1, false);

    ProxyException e = failure(cluster.createTopic("cluster-1",
        new TopicSpec("taken", 1, (short) 1, Map.of(), Map.of()), false));

    assertSame(ErrorCode.KAFKA_BAD_REQUEST, e.errorCode());
  }

  @Test
  void topicConfigs_entries_mappedSortedWithSensitiveValuesHidden() {
    Config config = new Config(List.of(
        new ConfigEntry("retention.ms", "1000", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, false, false,
            List.of(),
            ConfigEntry.ConfigType.LONG, null),
        new ConfigEntry("cleanup.policy", "delete", ConfigEntry.ConfigSource.DEFAULT_CONFIG, false, true, List.of(),
            ConfigEntry.ConfigType.LIST, null),
        new ConfigEntry("secret", "s3cr3t", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, true, false, List.of(),
            ConfigEntry.ConfigType.PASSWORD, null)));

    List<TopicConfig> configs = ClusterAdmin.topicConfigs("t", config);

    assertEquals(List.of("cleanup.policy", "retention.ms", "secret"), configs.stream().map(TopicConfig::name).toList());
    TopicConfig retention = configs.get(1);
    assertEquals("1000", retention.value());
    assertEquals("DYNAMIC_TOPIC_CONFIG", retention.source());
    assertTrue(configs.get(0).isDefault());
    assertTrue(configs.get(0).isReadOnly());
    assertNull(configs.get(2).value());
    assertTrue(configs.get(2).isSensitive());
  }

  @Test
  void partition_unknownPartition_fails404() {
    addTopic("t", 2, false);

    assertEquals(1, cluster.partition("cluster-1", "t", 1).join().partition());
    assertNotFound(cluster.partition("cluster-1", "t", 2));
  }

  private void addTopic(String name, int partitions, boolean internal) {
    List<TopicPartitionInfo> infos = new java.util.ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      infos.add(new TopicPartitionInfo(p, B0, List.of(B0, B1), List.of(B0, B1)));
    }
    admin.addTopic(internal, name, infos, Map.of());
  }

  private static ProxyException assertNotFound(CompletableFuture<?> future) {
    ProxyException e = failure(future);
    assertSame(ErrorCode.NOT_FOUND, e.errorCode());
    assertEquals(404, e.errorCode().httpStatus());
    return e;
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, e.getCause());
  }
}
