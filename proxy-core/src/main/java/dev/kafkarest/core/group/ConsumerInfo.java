package dev.kafkarest.core.group;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** One member of a group: ids, client id, and its assigned partitions sorted by topic then partition. */
public record ConsumerInfo(String consumerId, @Nullable String instanceId, String clientId,
    List<TopicPartition> assignments) {
  public ConsumerInfo {
    assignments = List.copyOf(assignments);
  }
}
