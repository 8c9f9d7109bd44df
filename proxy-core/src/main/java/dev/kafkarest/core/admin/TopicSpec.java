package dev.kafkarest.core.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A topic to create. Partition count and replication factor default to the broker's when null; an
 * explicit replica assignment (partition to broker ids) replaces both.
 */
public record TopicSpec(String name, @Nullable Integer partitionsCount, @Nullable Short replicationFactor,
    Map<Integer, List<Integer>> replicasAssignments, Map<String, @Nullable String> configs) {
  public TopicSpec {
    replicasAssignments = Map.copyOf(replicasAssignments);
    configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
  }
}
