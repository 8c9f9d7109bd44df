package dev.kafkarest.server.hdinsight;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kafkarest.core.metadata.BrokerInfo;
import dev.kafkarest.core.metadata.PartitionMetadata;
import dev.kafkarest.core.metadata.PartitionOffsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The wire records of HDInsight's metadata calls. */
final class HdInsightMetadata {
  private HdInsightMetadata() {}

  /** A broker, as {@code BrokerEndpoint}. */
  record BrokerEndpoint(String hostName, int port, int id, @Nullable String rack) {
    static BrokerEndpoint of(BrokerInfo broker) {
      return new BrokerEndpoint(broker.host(), broker.port(), broker.id(), broker.rack());
    }

    /** A broker the cluster no longer lists (a replica on a removed broker): its id only. */
    static BrokerEndpoint unknown(int id) {
      return new BrokerEndpoint("", -1, id, null);
    }
  }

  /** {@code GET /v1/metadata/brokers}. */
  record Brokers(List<BrokerEndpoint> brokers) {}

  /** {@code GET /v1/metadata/topics}. */
  record Topics(List<String> topics) {}

  /** One partition, as {@code PartitionMetadata}; {@code leader} is null when it has none. */
  record Partition(
      @JsonProperty("partition_id") int partitionId,
      @JsonProperty("earliest_offset") long earliestOffset,
      @JsonProperty("latest_offset") long latestOffset,
      @Nullable BrokerEndpoint leader,
      List<BrokerEndpoint> replicas,
      List<BrokerEndpoint> isr) {

    static Partition of(PartitionMetadata partition, PartitionOffsets offsets, Map<Integer, BrokerEndpoint> brokers) {
      return new Partition(partition.partition(), offsets.beginningOffset(), offsets.endOffset(),
          partition.leader() < 0 ? null : broker(brokers, partition.leader()),
          partition.replicas().stream().map(r -> broker(brokers, r.broker())).toList(),
          partition.replicas().stream().filter(PartitionMetadata.Replica::inSync)
              .map(r -> broker(brokers, r.broker())).toList());
    }

    private static BrokerEndpoint broker(Map<Integer, BrokerEndpoint> brokers, int id) {
      BrokerEndpoint known = brokers.get(id);
      return known == null ? BrokerEndpoint.unknown(id) : known;
    }
  }

  /** {@code GET /v1/metadata/topics/{t}/partitions}. */
  record TopicPartitions(String topic, List<Partition> partitions) {}

  /** The answer to a topic created or deleted. */
  record TopicChanged(String topic) {}
}
