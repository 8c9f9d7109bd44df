package dev.kafkarest.server.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kafkarest.core.admin.BrokerInfo;
import dev.kafkarest.core.admin.ClusterInfo;
import dev.kafkarest.core.admin.TopicConfig;
import dev.kafkarest.core.admin.TopicInfo;
import dev.kafkarest.core.group.ConsumerGroupInfo;
import dev.kafkarest.core.group.ConsumerInfo;
import dev.kafkarest.core.group.ConsumerLag;
import dev.kafkarest.core.group.LagSummary;
import dev.kafkarest.core.metadata.PartitionMetadata;
import dev.kafkarest.core.metadata.PartitionOffsets;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The v3 response bodies, field for field as Confluent writes them (entities/v3 of its kafka-rest), with the
 * factories that build them from the core's values and a request's {@link Links}.
 */
final class V3Responses {
  private V3Responses() {}

  /** {@code metadata} of a resource. */
  record Metadata(@JsonProperty("self") String self, @JsonProperty("resource_name") @Nullable String resourceName) {}

  /** {@code metadata} of a collection; Confluent never pages, so {@code next} is always null. */
  record ListMetadata(@JsonProperty("self") String self, @JsonProperty("next") @Nullable String next) {}

  /** A link to a related resource. */
  record Related(@JsonProperty("related") String related) {}

  /** A collection: {@code {"kind", "metadata", "data"}}. */
  @JsonPropertyOrder({"kind", "metadata", "data"})
  record ResourceList<T>(@JsonProperty("kind") String kind, @JsonProperty("metadata") ListMetadata metadata,
      @JsonProperty("data") List<T> data) {

    static <S, T> ResourceList<T> of(String kind, String self, List<S> items, Function<S, T> render) {
      return new ResourceList<>(kind, new ListMetadata(self, null), items.stream().map(render).toList());
    }
  }

  record ClusterData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("controller") @Nullable Related controller,
      @JsonProperty("acls") Related acls, @JsonProperty("brokers") Related brokers,
      @JsonProperty("broker_configs") Related brokerConfigs, @JsonProperty("consumer_groups") Related consumerGroups,
      @JsonProperty("topics") Related topics, @JsonProperty("partition_reassignments") Related partitionReassignments) {

    static ClusterData of(Links links, ClusterInfo cluster) {
      String c = cluster.clusterId();
      Integer controller = cluster.controllerId();
      return new ClusterData("KafkaCluster", new Metadata(links.url("clusters", c), Links.crn(c)), c,
          controller == null ? null : new Related(links.url("clusters", c, "brokers", controller.toString())),
          new Related(links.url("clusters", c, "acls")), new Related(links.url("clusters", c, "brokers")),
          new Related(links.url("clusters", c, "broker-configs")),
          new Related(links.url("clusters", c, "consumer-groups")), new Related(links.url("clusters", c, "topics")),
          new Related(links.url("clusters", c, "topics", "-", "partitions", "-", "reassignment")));
    }
  }

  record BrokerData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("broker_id") int brokerId,
      @JsonProperty("host") String host, @JsonProperty("port") int port, @JsonProperty("rack") @Nullable String rack,
      @JsonProperty("configs") Related configs, @JsonProperty("partition_replicas") Related partitionReplicas) {

    static BrokerData of(Links links, String c, BrokerInfo broker) {
      String id = Integer.toString(broker.brokerId());
      return new BrokerData("KafkaBroker", new Metadata(links.url("clusters", c, "brokers", id),
          Links.crn(c, "broker", id)), c, broker.brokerId(), broker.host(), broker.port(), broker.rack(),
          new Related(links.url("clusters", c, "brokers", id, "configs")),
          new Related(links.url("clusters", c, "brokers", id, "partition-replicas")));
    }
  }

  record TopicData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
      @JsonProperty("is_internal") boolean isInternal, @JsonProperty("replication_factor") int replicationFactor,
      @JsonProperty("partitions_count") int partitionsCount, @JsonProperty("partitions") Related partitions,
      @JsonProperty("configs") Related configs, @JsonProperty("partition_reassignments") Related partitionReassignments,
      @JsonProperty("authorized_operations") List<String> authorizedOperations) {

    static TopicData of(Links links, String c, TopicInfo topic) {
      String t = topic.name();
      return new TopicData("KafkaTopic", new Metadata(self(links, c, t), Links.crn(c, "topic", t)), c, t,
          topic.internal(), topic.replicationFactor(), topic.partitionsCount(),
          new Related(links.url("clusters", c, "topics", t, "partitions")),
          new Related(links.url("clusters", c, "topics", t, "configs")),
          new Related(links.url("clusters", c, "topics", t, "partitions", "-", "reassignment")), List.of());
    }

    static String self(Links links, String c, String t) {
      return links.url("clusters", c, "topics", t);
    }
  }

  record Synonym(@JsonProperty("name") String name, @JsonProperty("value") @Nullable String value,
      @JsonProperty("source") String source) {}

  record TopicConfigData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("name") String name,
      @JsonProperty("value") @Nullable String value, @JsonProperty("is_default") boolean isDefault,
      @JsonProperty("is_read_only") boolean isReadOnly, @JsonProperty("is_sensitive") boolean isSensitive,
      @JsonProperty("source") String source, @JsonProperty("synonyms") List<Synonym> synonyms,
      @JsonProperty("topic_name") String topicName) {

    static TopicConfigData of(Links links, String c, TopicConfig config) {
      String t = config.topicName();
      return new TopicConfigData("KafkaTopicConfig",
          new Metadata(links.url("clusters", c, "topics", t, "configs", config.name()),
              Links.crn(c, "topic", t, "config", config.name())),
          c, config.name(), config.value(), config.isDefault(), config.isReadOnly(), config.isSensitive(),
          config.source(), config.synonyms().stream()
              .map(synonym -> new Synonym(synonym.name(), synonym.value(), synonym.source())).toList(), t);
    }
  }

  record PartitionData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
      @JsonProperty("partition_id") int partitionId, @JsonProperty("leader") @Nullable Related leader,
      @JsonProperty("replicas") Related replicas, @JsonProperty("reassignment") Related reassignment) {

    static PartitionData of(Links links, String c, String t, PartitionMetadata partition) {
      String p = Integer.toString(partition.partition());
      return new PartitionData("KafkaPartition", new Metadata(links.url("clusters", c, "topics", t, "partitions", p),
          Links.crn(c, "topic", t, "partition", p)), c, t, partition.partition(),
          partition.leader() < 0 ? null
              : new Related(links.url("clusters", c, "topics", t, "partitions", p, "replicas",
                  Integer.toString(partition.leader()))),
          new Related(links.url("clusters", c, "topics", t, "partitions", p, "replicas")),
          new Related(links.url("clusters", c, "topics", t, "partitions", p, "reassignment")));
    }
  }

  record PartitionWithOffsetsData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
      @JsonProperty("partition_id") int partitionId, @JsonProperty("earliest_offset") long earliestOffset,
      @JsonProperty("latest_offset") long latestOffset) {

    static PartitionWithOffsetsData of(Links links, String c, String t, int partition, PartitionOffsets offsets) {
      String p = Integer.toString(partition);
      return new PartitionWithOffsetsData("KafkaPartitionWithOffsets",
          new Metadata(links.url("clusters", c, "topics", t, "partitions", p, "offset"),
              Links.crn(c, "topic", t, "partition", p)),
          c, t, partition, offsets.beginningOffset(), offsets.endOffset());
    }
  }

  record ConsumerGroupData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("consumer_group_id") String consumerGroupId,
      @JsonProperty("is_simple") boolean isSimple, @JsonProperty("partition_assignor") String partitionAssignor,
      @JsonProperty("state") String state, @JsonProperty("type") String type,
      @JsonProperty("is_mixed_consumer_group") boolean isMixedConsumerGroup,
      @JsonProperty("coordinator") @Nullable Related coordinator, @JsonProperty("consumers") Related consumers,
      @JsonProperty("lag_summary") Related lagSummary) {

    static ConsumerGroupData of(Links links, String c, ConsumerGroupInfo group) {
      String g = group.groupId();
      Integer coordinator = group.coordinatorId();
      return new ConsumerGroupData("KafkaConsumerGroup", new Metadata(links.url("clusters", c, "consumer-groups", g),
          Links.crn(c, "consumer-group", g)), c, g, group.simple(), group.partitionAssignor(), group.state(),
          group.type(), group.mixed(),
          coordinator == null ? null : new Related(links.url("clusters", c, "brokers", coordinator.toString())),
          new Related(links.url("clusters", c, "consumer-groups", g, "consumers")),
          new Related(links.url("clusters", c, "consumer-groups", g, "lag-summary")));
    }
  }

  record ConsumerData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("consumer_group_id") String consumerGroupId,
      @JsonProperty("consumer_id") String consumerId, @JsonProperty("instance_id") @Nullable String instanceId,
      @JsonProperty("client_id") String clientId, @JsonProperty("assignments") Related assignments) {

    static ConsumerData of(Links links, String c, String g, ConsumerInfo consumer) {
      String id = consumer.consumerId();
      return new ConsumerData("KafkaConsumer", new Metadata(links.url("clusters", c, "consumer-groups", g,
          "consumers", id), Links.crn(c, "consumer-group", g, "consumer", id)), c, g, id, consumer.instanceId(),
          consumer.clientId(), new Related(links.url("clusters", c, "consumer-groups", g, "consumers", id,
              "assignments")));
    }
  }

  record ConsumerAssignmentData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("consumer_group_id") String consumerGroupId,
      @JsonProperty("consumer_id") String consumerId, @JsonProperty("topic_name") String topicName,
      @JsonProperty("partition_id") int partitionId, @JsonProperty("partition") Related partition,
      @JsonProperty("lag") Related lag) {

    static ConsumerAssignmentData of(Links links, String c, String g, String consumer, TopicPartition assigned) {
      String t = assigned.topic();
      String p = Integer.toString(assigned.partition());
      return new ConsumerAssignmentData("KafkaConsumerAssignment",
          new Metadata(links.url("clusters", c, "consumer-groups", g, "consumers", consumer, "assignments", t,
              "partitions", p), Links.crn(c, "consumer-group", g, "consumer", consumer, "assignment", t,
              "partition", p)),
          c, g, consumer, t, assigned.partition(), new Related(links.url("clusters", c, "topics", t, "partitions", p)),
          new Related(links.url("clusters", c, "consumer-groups", g, "lags", t, "partitions", p)));
    }
  }

  record ConsumerLagData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("consumer_group_id") String consumerGroupId,
      @JsonProperty("topic_name") String topicName, @JsonProperty("partition_id") int partitionId,
      @JsonProperty("current_offset") long currentOffset, @JsonProperty("log_end_offset") long logEndOffset,
      @JsonProperty("lag") long lag, @JsonProperty("consumer_id") String consumerId,
      @JsonProperty("instance_id") @Nullable String instanceId, @JsonProperty("client_id") String clientId) {

    static ConsumerLagData of(Links links, String c, String g, ConsumerLag lag) {
      String p = Integer.toString(lag.partition());
      return new ConsumerLagData("KafkaConsumerLag", new Metadata(links.url("clusters", c, "consumer-groups", g,
          "lags", lag.topic(), "partitions", p), Links.crn(c, "consumer-group", g, "lag", lag.topic(), "partition", p)),
          c, g, lag.topic(), lag.partition(), lag.currentOffset(), lag.logEndOffset(), lag.lag(), lag.consumerId(),
          lag.instanceId(), lag.clientId());
    }
  }

  record LagSummaryData(@JsonProperty("kind") String kind, @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("cluster_id") String clusterId, @JsonProperty("consumer_group_id") String consumerGroupId,
      @JsonProperty("max_lag_consumer_id") String maxLagConsumerId,
      @JsonProperty("max_lag_instance_id") @Nullable String maxLagInstanceId,
      @JsonProperty("max_lag_client_id") String maxLagClientId,
      @JsonProperty("max_lag_topic_name") String maxLagTopicName,
      @JsonProperty("max_lag_partition_id") int maxLagPartitionId, @JsonProperty("max_lag") long maxLag,
      @JsonProperty("total_lag") long totalLag, @JsonProperty("max_lag_consumer") Related maxLagConsumer,
      @JsonProperty("max_lag_partition") Related maxLagPartition) {

    static LagSummaryData of(Links links, String c, String g, LagSummary summary) {
      ConsumerLag max = summary.maxLag();
      return new LagSummaryData("KafkaConsumerGroupLagSummary", new Metadata(links.url("clusters", c,
          "consumer-groups", g, "lag-summary"), Links.crn(c, "consumer-group", g, "lag-summary", "")), c, g,
          max.consumerId(), max.instanceId(), max.clientId(), max.topic(), max.partition(), max.lag(),
          summary.totalLag(), new Related(links.url("clusters", c, "consumer-groups", g, "consumers", max.consumerId())),
          new Related(links.url("clusters", c, "topics", max.topic(), "partitions", Integer.toString(max.partition()))));
    }
  }
}
