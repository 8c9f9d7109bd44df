package dev.kafkarest.core.metadata;

import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Answers the v2 metadata endpoints from the Admin client.
 *
 * <p>Every call is bounded by the configured timeout. Futures complete on an Admin I/O thread, or
 * exceptionally with a {@link ProxyException}: 404/40401 for an unknown topic, 404/40402 for an unknown
 * partition, otherwise the translated Kafka failure.
 */
public final class MetadataService {
  private final Admin admin;
  private final int timeoutMs;

  public MetadataService(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeoutMs = Math.toIntExact(timeout.toMillis());
  }

  /** {@return the names of all non-internal topics, sorted} */
  public CompletableFuture<List<String>> topicNames() {
    return translate(admin.listTopics(new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMs)).names())
        .thenApply(names -> names.stream().sorted().toList());
  }

  /** {@return a topic with its configs and partitions} */
  public CompletableFuture<TopicMetadata> topic(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    CompletableFuture<TopicDescription> description = describe(topic);
    CompletableFuture<Config> config = description.thenCompose(ignored -> translate(
        admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(timeoutMs))
            .values().get(resource)));
    return description.thenCombine(config, (desc, cfg) ->
        new TopicMetadata(desc.name(), configs(cfg), partitions(desc)));
  }

  /** {@return a topic's partitions, in partition order} */
  public CompletableFuture<List<PartitionMetadata>> partitions(String topic) {
    return describe(topic).thenApply(MetadataService::partitions);
  }

  /** {@return one partition of a topic} */
  public CompletableFuture<PartitionMetadata> partition(String topic, int partition) {
    return partitions(topic).thenApply(all -> all.stream()
        .filter(p -> p.partition() == partition)
        .findFirst()
        .orElseThrow(() -> ProxyException.partitionNotFound(topic, partition)));
  }

  /** {@return the beginning and end offsets of one partition} */
  public CompletableFuture<PartitionOffsets> offsets(String topic, int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    ListOffsetsOptions options = new ListOffsetsOptions().timeoutMs(timeoutMs);
    return partition(topic, partition).thenCompose(ignored -> {
      CompletableFuture<Long> earliest = translate(
          admin.listOffsets(Map.of(tp, OffsetSpec.earliest()), options).partitionResult(tp))
          .thenApply(info -> info.offset());
      CompletableFuture<Long> latest = translate(
          admin.listOffsets(Map.of(tp, OffsetSpec.latest()), options).partitionResult(tp))
          .thenApply(info -> info.offset());
      return earliest.thenCombine(latest, PartitionOffsets::new);
    });
  }

  /** {@return the beginning and end offsets of the given partitions of a topic, by partition} */
  public CompletableFuture<Map<Integer, PartitionOffsets>> offsets(String topic, List<Integer> partitions) {
    ListOffsetsOptions options = new ListOffsetsOptions().timeoutMs(timeoutMs);
    Map<TopicPartition, OffsetSpec> earliestSpec = new java.util.HashMap<>();
    Map<TopicPartition, OffsetSpec> latestSpec = new java.util.HashMap<>();
    partitions.forEach(partition -> {
      earliestSpec.put(new TopicPartition(topic, partition), OffsetSpec.earliest());
      latestSpec.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    });
    if (partitions.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    var earliest = translate(admin.listOffsets(earliestSpec, options).all());
    var latest = translate(admin.listOffsets(latestSpec, options).all());
    return earliest.thenCombine(latest, (first, last) -> {
      Map<Integer, PartitionOffsets> answer = new java.util.TreeMap<>();
      first.forEach((tp, info) -> answer.put(tp.partition(),
          new PartitionOffsets(info.offset(), last.get(tp).offset())));
      return answer;
    });
  }

  /** {@return the cluster's brokers with their addresses, sorted by id} */
  public CompletableFuture<List<BrokerInfo>> brokers() {
    return translate(admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes())
        .thenApply(nodes -> nodes.stream()
            .sorted(Comparator.comparingInt(Node::id))
            .map(node -> new BrokerInfo(node.id(), node.host(), node.port(), node.hasRack() ? node.rack() : null))
            .toList());
  }

  /** {@return the ids of the cluster's brokers, sorted} */
  public CompletableFuture<List<Integer>> brokerIds() {
    return translate(admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes())
        .thenApply(nodes -> nodes.stream().map(Node::id).sorted().toList());
  }

  private CompletableFuture<TopicDescription> describe(String topic) {
    KafkaFuture<TopicDescription> future = admin
        .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
        .topicNameValues().get(topic);
    return future.toCompletionStage().toCompletableFuture().handle((description, failure) -> {
      if (failure == null) {
        return description;
      }
      if (KafkaErrors.unwrap(failure) instanceof UnknownTopicOrPartitionException) {
        throw ProxyException.topicNotFound(topic);
      }
      throw KafkaErrors.translate(failure);
    });
  }

  private static <T> CompletableFuture<T> translate(KafkaFuture<T> future) {
    return translate(future.toCompletionStage());
  }

  private static <T> CompletableFuture<T> translate(CompletionStage<T> stage) {
    return stage.toCompletableFuture().handle((value, failure) -> {
      if (failure != null) {
        throw KafkaErrors.translate(failure);
      }
      return value;
    });
  }

  private static List<PartitionMetadata> partitions(TopicDescription description) {
    List<PartitionMetadata> partitions = new ArrayList<>(description.partitions().size());
    for (TopicPartitionInfo info : description.partitions()) {
      Node leader = info.leader();
      int leaderId = leader == null || leader.isEmpty() ? -1 : leader.id();
      Set<Integer> inSync = new HashSet<>();
      info.isr().forEach(node -> inSync.add(node.id()));
      List<PartitionMetadata.Replica> replicas = info.replicas().stream()
          .map(node -> new PartitionMetadata.Replica(node.id(), node.id() == leaderId, inSync.contains(node.id())))
          .toList();
      partitions.add(new PartitionMetadata(info.partition(), leaderId, replicas));
    }
    partitions.sort(Comparator.comparingInt(PartitionMetadata::partition));
    return partitions;
  }

  private static Map<String, String> configs(Config config) {
    Map<String, String> configs = new LinkedHashMap<>();
    config.entries().stream()
        .sorted(Comparator.comparing(ConfigEntry::name))
        .forEach(entry -> configs.put(entry.name(), entry.isSensitive() ? null : entry.value()));
    return configs;
  }
}
