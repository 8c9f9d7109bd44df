package dev.kafkarest.core.group;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A consumer group as the v3 API shows it. {@code state} is one of Confluent's names ({@code STABLE},
 * {@code EMPTY}, {@code PREPARING_REBALANCE}, {@code COMPLETING_REBALANCE}, {@code DEAD}, {@code ASSIGNING},
 * {@code RECONCILING}, {@code UNKNOWN}), {@code type} one of {@code CLASSIC}, {@code CONSUMER}, {@code SHARE},
 * {@code UNKNOWN}; the coordinator is null when unknown; members are sorted by consumer id.
 */
public record ConsumerGroupInfo(String groupId, boolean simple, String partitionAssignor, String state, String type,
    boolean mixed, @Nullable Integer coordinatorId, List<ConsumerInfo> consumers) {
  public ConsumerGroupInfo {
    consumers = List.copyOf(consumers);
  }
}
