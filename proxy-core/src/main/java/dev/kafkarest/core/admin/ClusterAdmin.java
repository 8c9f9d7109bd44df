package dev.kafkarest.core.admin;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.metadata.PartitionMetadata;
import dev.kafkarest.core.metadata.PartitionOffsets;
import dev.kafkarest.core.produce.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * The cluster, its brokers, topics, topic configs and partitions, for the v3 API.
 *
 * <p>Every method takes the cluster id the client named and fails with 404/404 when it is not the id of
 * the cluster the proxy serves. The id is asked of Kafka until it is known, then kept (a cluster's id never
 * changes). Every Admin call is bounded by the configured timeout; futures complete on an Admin I/O thread,
 * or exceptionally with a {@link ProxyException}. Nothing here blocks.
 */
public final class ClusterAdmin {
  private final Admin admin;
  private final int timeoutMs;
  private volatile @Nullable String knownClusterId;

  public ClusterAdmin(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeoutMs = Math.toIntExact(timeout.toMillis());
  }

  /** {@return the cluster with its controller and brokers (sorted by id)} */
  public CompletableFuture<ClusterInfo> cluster() {
    DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
    CompletableFuture<String> id = translate(result.clusterId());
    CompletableFuture<@Nullable Node> controller = translate(result.controller());
    CompletableFuture<Collection<Node>> nodes = translate(result.nodes());
    return CompletableFuture.allOf(id, controller, nodes).thenApply(ignored -> {
      Node node = controller.join();
      knownClusterId = id.join();
      return new ClusterInfo(id.join(), node == null || node.isEmpty() ? null : node.id(), nodes.join().stream()
          .filter(broker -> !broker.isEmpty())
          .map(broker -> new BrokerInfo(broker.id(), broker.host(), broker.port(), broker.rack()))
          .sorted(Comparator.comparingInt(BrokerInfo::brokerId))
          .toList());
    });
  }

  /** {@return the cluster named {@code clusterId}}, or a 404 when the proxy serves another */
  public CompletableFuture<ClusterInfo> cluster(String clusterId) {
    return cluster().thenApply(cluster -> {
      if (!cluster.clusterId().equals(clusterId)) {
        throw clusterNotFound(clusterId);
      }
      return cluster;
    });
  }

  /** {@return the broker {@code brokerId}}, or a 404 */
  public CompletableFuture<BrokerInfo> broker(String clusterId, int brokerId) {
    return cluster(clusterId).thenApply(cluster -> cluster.brokers().stream()
        .filter(broker -> broker.brokerId() == brokerId)
        .findFirst()
        .orElseThrow(() -> notFound("Broker " + brokerId + " cannot be found.")));
  }

  /** {@return the topics sorted by name, internal ones only when {@code includeInternal}} */
  public CompletableFuture<List<TopicInfo>> topics(String clusterId, boolean includeInternal) {
    return requireCluster(clusterId)
        .thenCompose(ignored -> translate(admin.listTopics(
            new ListTopicsOptions().listInternal(includeInternal).timeoutMs(timeoutMs)).listings()))
        .thenCompose(listings -> {
          List<String> names = listings.stream()
              .filter(listing -> includeInternal || !listing.isInternal())
              .map(TopicListing::name)
              .sorted()
              .toList();
          if (names.isEmpty()) {
            return CompletableFuture.completedFuture(List.<TopicInfo>of());
          }
          return translate(admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeoutMs))
              .allTopicNames())
              .thenApply(descriptions -> names.stream()
                  .map(descriptions::get)
                  .filter(description -> description != null)
                  .map(ClusterAdmin::topicInfo)
                  .toList());
        });
  }

  /** {@return the topic}, or a 404 */
  public CompletableFuture<TopicInfo> topic(String clusterId, String topic) {
    return requireCluster(clusterId).thenCompose(ignored -> describe(topic)).thenApply(ClusterAdmin::topicInfo);
  }

  /**
   * Creates a topic, or only checks that Kafka would create it.
   *
   * @return the topic with the partition count and replication factor Kafka gives it
   * @throws ProxyException 422/42206 for an illegal name, before any Kafka call; 400/40002 when the topic
   *     exists or Kafka refuses the settings
   */
  public CompletableFuture<TopicInfo> createTopic(String clusterId, TopicSpec spec, boolean validateOnly) {
    if (!TopicNames.isValid(spec.name())) {
      return CompletableFuture.failedFuture(new ProxyException(ErrorCode.INVALID_PAYLOAD,
          "Payload error. Invalid topic name: '" + spec.name() + "'."));
    }
    NewTopic newTopic = spec.replicasAssignments().isEmpty()
        ? new NewTopic(spec.name(), Optional.ofNullable(spec.partitionsCount()),
            Optional.ofNullable(spec.replicationFactor()))
        : new NewTopic(spec.name(), spec.replicasAssignments());
    newTopic.configs(spec.configs());
    return requireCluster(clusterId).thenCompose(ignored -> {
      CreateTopicsResult result = admin.createTopics(List.of(newTopic),
          new CreateTopicsOptions().validateOnly(validateOnly).timeoutMs(timeoutMs));
      return translate(result.numPartitions(spec.name()))
          .thenCombine(translate(result.replicationFactor(spec.name())),
              (partitions, replicas) -> new TopicInfo(spec.name(), false, replicas, partitions));
    });
  }

  /** Deletes a topic; a 404 when it does not exist. */
  public CompletableFuture<Void> deleteTopic(String clusterId, String topic) {
    return requireCluster(clusterId).thenCompose(ignored -> notFoundIfUnknown(
        admin.deleteTopics(List.of(topic), new DeleteTopicsOptions().timeoutMs(timeoutMs)).all(), topic));
  }

  /**
   * Raises the partition count of a topic.
   *
   * @return the topic as it is afterwards
   * @throws ProxyException 400/40002 when Kafka refuses the count (not above the current one)
   */
  public CompletableFuture<TopicInfo> increasePartitions(String clusterId, String topic, int partitionsCount) {
    return topic(clusterId, topic)
        .thenCompose(ignored -> notFoundIfUnknown(admin.createPartitions(
            Map.of(topic, NewPartitions.increaseTo(partitionsCount)),
            new CreatePartitionsOptions().timeoutMs(timeoutMs)).all(), topic))
        .thenCompose(ignored -> describe(topic))
        .thenApply(description -> {
          TopicInfo info = topicInfo(description);
          // Metadata can lag the change by a moment; the count Kafka accepted is the answer.
          return new TopicInfo(info.name(), info.internal(), info.replicationFactor(),
              Math.max(info.partitionsCount(), partitionsCount));
        });
  }

  /** {@return every config of a topic, sorted by name}, or a 404 for an unknown topic */
  public CompletableFuture<List<TopicConfig>> topicConfigs(String clusterId, String topic) {
    return requireCluster(clusterId).thenCompose(ignored -> describeConfigs(List.of(topic)))
        .thenApply(configs -> configs.getOrDefault(topic, List.of()));
  }

  /** {@return one config of a topic}, or a 404 for an unknown topic or config name */
  public CompletableFuture<TopicConfig> topicConfig(String clusterId, String topic, String name) {
    return topicConfigs(clusterId, topic).thenApply(configs -> configs.stream()
        .filter(config -> config.name().equals(name))
        .findFirst()
        .orElseThrow(() -> notFound("Config " + name + " of topic " + topic + " cannot be found.")));
  }

  /**
   * {@return the configs of every non-internal topic that {@code visible} accepts, by topic name then config
   *     name}
   */
  public CompletableFuture<List<TopicConfig>> allTopicConfigs(String clusterId, Predicate<String> visible) {
    return requireCluster(clusterId)
        .thenCompose(ignored -> translate(admin.listTopics(
            new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMs)).names()))
        .thenCompose(names -> {
          List<String> topics = names.stream().filter(visible).sorted().toList();
          if (topics.isEmpty()) {
            return CompletableFuture.completedFuture(Map.<String, List<TopicConfig>>of());
          }
          return describeConfigs(topics);
        })
        .thenApply(byTopic -> byTopic.keySet().stream().sorted()
            .flatMap(topic -> byTopic.get(topic).stream())
            .toList());
  }

  /**
   * Applies config changes to a topic, all or none, or only checks them.
   *
   * @throws ProxyException 404 for an unknown topic; 400/40002 when Kafka refuses a name or value
   */
  public CompletableFuture<Void> alterTopicConfigs(String clusterId, String topic, List<ConfigChange> changes,
      boolean validateOnly) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    List<AlterConfigOp> ops = changes.stream()
        .map(change -> new AlterConfigOp(new ConfigEntry(change.name(), change.value()),
            change.operation() == ConfigChange.Operation.SET ? AlterConfigOp.OpType.SET : AlterConfigOp.OpType.DELETE))
        .toList();
    return topic(clusterId, topic).thenCompose(ignored -> notFoundIfUnknown(admin.incrementalAlterConfigs(
        Map.of(resource, ops), new AlterConfigsOptions().validateOnly(validateOnly).timeoutMs(timeoutMs)).all(),
        topic));
  }

  /** {@return the partitions of a topic, in partition order}, or a 404 */
  public CompletableFuture<List<PartitionMetadata>> partitions(String clusterId, String topic) {
    return requireCluster(clusterId).thenCompose(ignored -> describe(topic)).thenApply(ClusterAdmin::partitions);
  }

  /** {@return one partition of a topic}, or a 404 for an unknown topic or partition */
  public CompletableFuture<PartitionMetadata> partition(String clusterId, String topic, int partition) {
    return partitions(clusterId, topic).thenApply(all -> all.stream()
        .filter(p -> p.partition() == partition)
        .findFirst()
        .orElseThrow(() -> notFound("Partition " + partition + " of topic " + topic + " cannot be found.")));
  }

  /** {@return the earliest and latest offsets of one partition}, or a 404 */
  public CompletableFuture<PartitionOffsets> offsets(String clusterId, String topic, int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    ListOffsetsOptions options = new ListOffsetsOptions().timeoutMs(timeoutMs);
    return partition(clusterId, topic, partition).thenCompose(ignored -> {
      CompletableFuture<Long> earliest = translate(
          admin.listOffsets(Map.of(tp, OffsetSpec.earliest()), options).partitionResult(tp)).thenApply(i -> i.offset());
      CompletableFuture<Long> latest = translate(
          admin.listOffsets(Map.of(tp, OffsetSpec.latest()), options).partitionResult(tp)).thenApply(i -> i.offset());
      return earliest.thenCombine(latest, PartitionOffsets::new);
    });
  }

  /** {@return a completed future when {@code clusterId} is the cluster's id (asked once), else a 404} */
  public CompletableFuture<Void> requireCluster(String clusterId) {
    String known = knownClusterId;
    if (known != null) {
      return known.equals(clusterId)
          ? CompletableFuture.completedFuture(null)
          : CompletableFuture.failedFuture(clusterNotFound(clusterId));
    }
    return translate(admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).clusterId())
        .thenApply(id -> {
          knownClusterId = id;
          if (!id.equals(clusterId)) {
            throw clusterNotFound(clusterId);
          }
          return null;
        });
  }

  private CompletableFuture<TopicDescription> describe(String topic) {
    return notFoundIfUnknown(admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
        .topicNameValues().get(topic), topic);
  }

  /** A topic deleted meanwhile is left out of a listing of several; one topic alone is a 404. */
  private CompletableFuture<Map<String, List<TopicConfig>>> describeConfigs(List<String> topics) {
    List<ConfigResource> resources = topics.stream()
        .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
        .toList();
    Map<ConfigResource, KafkaFuture<Config>> values = admin.describeConfigs(resources,
        new DescribeConfigsOptions().includeSynonyms(true).timeoutMs(timeoutMs)).values();
    Map<String, CompletableFuture<@Nullable Config>> futures = new LinkedHashMap<>();
    for (ConfigResource resource : resources) {
      CompletableFuture<Config> config = notFoundIfUnknown(values.get(resource), resource.name());
      futures.put(resource.name(), topics.size() == 1 ? config : config.exceptionally(failure -> {
        if (KafkaErrors.unwrap(failure) instanceof ProxyException e && e.errorCode() == ErrorCode.NOT_FOUND) {
          return null;
        }
        throw KafkaErrors.translate(failure);
      }));
    }
    return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).thenApply(ignored -> {
      Map<String, List<TopicConfig>> byTopic = new LinkedHashMap<>();
      futures.forEach((topic, future) -> {
        Config config = future.join();
        if (config != null) {
          byTopic.put(topic, topicConfigs(topic, config));
        }
      });
      return byTopic;
    });
  }

  /** {@return Kafka's config entries of a topic as {@link TopicConfig}s, sorted by name} */
  static List<TopicConfig> topicConfigs(String topic, Config config) {
    return config.entries().stream()
        .sorted(Comparator.comparing(ConfigEntry::name))
        .map(entry -> new TopicConfig(topic, entry.name(), entry.isSensitive() ? null : entry.value(),
            entry.isDefault(), entry.isReadOnly(), entry.isSensitive(), entry.source().name(),
            entry.synonyms().stream()
                .map(synonym -> new TopicConfig.Synonym(synonym.name(),
                    entry.isSensitive() ? null : synonym.value(), synonym.source().name()))
                .toList()))
        .toList();
  }

  static TopicInfo topicInfo(TopicDescription description) {
    List<TopicPartitionInfo> partitions = description.partitions();
    int replicationFactor = partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
    return new TopicInfo(description.name(), description.isInternal(), replicationFactor, partitions.size());
  }

  static List<PartitionMetadata> partitions(TopicDescription description) {
    List<PartitionMetadata> partitions = new ArrayList<>(description.partitions().size());
    for (TopicPartitionInfo info : description.partitions()) {
      Node leader = info.leader();
      int leaderId = leader == null || leader.isEmpty() ? -1 : leader.id();
      Set<Integer> inSync = new HashSet<>();
      info.isr().forEach(node -> inSync.add(node.id()));
      partitions.add(new PartitionMetadata(info.partition(), leaderId, info.replicas().stream()
          .map(node -> new PartitionMetadata.Replica(node.id(), node.id() == leaderId, inSync.contains(node.id())))
          .toList()));
    }
    partitions.sort(Comparator.comparingInt(PartitionMetadata::partition));
    return partitions;
  }

  private static ProxyException clusterNotFound(String clusterId) {
    return notFound("Cluster " + clusterId + " cannot be found.");
  }

  private static ProxyException notFound(String message) {
    return new ProxyException(ErrorCode.NOT_FOUND, message);
  }

  /** {@return the future's value; a 404 naming {@code topic} when Kafka does not know it} */
  private static <T> CompletableFuture<T> notFoundIfUnknown(KafkaFuture<T> future, String topic) {
    return future.toCompletionStage().toCompletableFuture().handle((value, failure) -> {
      if (failure == null) {
        return value;
      }
      if (KafkaErrors.unwrap(failure) instanceof UnknownTopicOrPartitionException) {
        throw notFound("Topic " + topic + " cannot be found.");
      }
      throw KafkaErrors.translate(failure);
    });
  }

  private static <T> CompletableFuture<T> translate(KafkaFuture<T> future) {
    return future.toCompletionStage().toCompletableFuture().handle((value, failure) -> {
      if (failure != null) {
        throw KafkaErrors.translate(failure);
      }
      return value;
    });
  }
}
