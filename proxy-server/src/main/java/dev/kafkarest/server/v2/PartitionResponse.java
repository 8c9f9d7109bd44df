package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kafkarest.core.metadata.PartitionMetadata;
import java.util.List;

/** A partition as in {@code GET /topics/{topic}/partitions}. */
record PartitionResponse(
    @JsonProperty("partition") int partition,
    @JsonProperty("leader") int leader,
    @JsonProperty("replicas") List<ReplicaResponse> replicas) {

  static PartitionResponse of(PartitionMetadata partition) {
    return new PartitionResponse(partition.partition(), partition.leader(),
        partition.replicas().stream()
            .map(r -> new ReplicaResponse(r.broker(), r.leader(), r.inSync()))
            .toList());
  }

  /** One replica of a partition. */
  record ReplicaResponse(
      @JsonProperty("broker") int broker,
      @JsonProperty("leader") boolean leader,
      @JsonProperty("in_sync") boolean inSync) {}
}
