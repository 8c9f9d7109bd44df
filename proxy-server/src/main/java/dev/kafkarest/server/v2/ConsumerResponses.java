package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** The response bodies of the consumer endpoints. */
final class ConsumerResponses {
  private ConsumerResponses() {}

  /** {@code POST /consumers/{group}}. */
  record CreatedConsumer(
      @JsonProperty("instance_id") String instanceId,
      @JsonProperty("base_uri") String baseUri) {}

  /** {@code GET .../subscription}. */
  record Topics(@JsonProperty("topics") List<String> topics) {}

  /** A topic and partition in a response. */
  record Partition(@JsonProperty("topic") String topic, @JsonProperty("partition") int partition) {
    static Partition of(TopicPartition partition) {
      return new Partition(partition.topic(), partition.partition());
    }
  }

  /** {@code GET .../assignments}. */
  record Partitions(@JsonProperty("partitions") List<Partition> partitions) {}

  /** A committed offset. */
  record CommittedOffset(
      @JsonProperty("topic") String topic,
      @JsonProperty("partition") int partition,
      @JsonProperty("offset") long offset,
      @JsonProperty("metadata") String metadata) {}

  /** {@code GET .../offsets}. */
  record CommittedOffsets(@JsonProperty("offsets") List<CommittedOffset> offsets) {}
}
