package dev.kafkarest.core.metadata;

import java.util.List;

/**
 * A partition, its leader ({@code -1} when it has none) and its replicas.
 */
public record PartitionMetadata(int partition, int leader, List<Replica> replicas) {

  /** One replica of a partition. */
  public record Replica(int broker, boolean leader, boolean inSync) {}
}
