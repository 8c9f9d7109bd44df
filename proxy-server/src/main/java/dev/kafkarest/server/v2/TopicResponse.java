package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kafkarest.core.metadata.TopicMetadata;
import java.util.List;
import java.util.Map;

/** {@code GET /topics/{topic}}. */
record TopicResponse(
    @JsonProperty("name") String name,
    @JsonProperty("configs") Map<String, String> configs,
    @JsonProperty("partitions") List<PartitionResponse> partitions) {

  static TopicResponse of(TopicMetadata topic) {
    return new TopicResponse(topic.name(), topic.configs(),
        topic.partitions().stream().map(PartitionResponse::of).toList());
  }
}
