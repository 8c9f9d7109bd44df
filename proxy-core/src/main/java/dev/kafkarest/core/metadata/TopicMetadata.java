package dev.kafkarest.core.metadata;

import java.util.List;
import java.util.Map;

/**
 * A topic with all its configuration (defaults included; sensitive values null) and its partitions in
 * partition order.
 */
public record TopicMetadata(String name, Map<String, String> configs, List<PartitionMetadata> partitions) {}
