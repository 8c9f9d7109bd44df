package dev.kafkarest.core.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** The pure part of consumer groups: Kafka's descriptions as the v3 API shows them, lags, and their order. */
final class Lags {
  /** Confluent's order of lags: largest lag first, then topic name, then partition. */
  static final Comparator<ConsumerLag> ORDER = Comparator.comparingLong(ConsumerLag::lag).reversed()
      .thenComparing(ConsumerLag::topic)
      .thenComparingInt(ConsumerLag::partition);

  private Lags() {}

  /**
   * {@return one lag per partition with a committed offset and a known log end, in {@link #ORDER}}: a
   * partition without a commit, or whose end is unknown (deleted meanwhile), is left out.
   */
  static List<ConsumerLag> of(Map<TopicPartition, @Nullable OffsetAndMetadata> committed,
      Map<TopicPartition, Long> logEnds, List<ConsumerInfo> consumers) {
    Map<TopicPartition, ConsumerInfo> owners = new HashMap<>();
    consumers.forEach(consumer -> consumer.assignments().forEach(partition -> owners.put(partition, consumer)));
    List<ConsumerLag> lags = new ArrayList<>(committed.size());
    committed.forEach((partition, offset) -> {
      Long end = logEnds.get(partition);
      if (offset == null || end == null) {
        return;
      }
      ConsumerInfo owner = owners.get(partition);
      lags.add(new ConsumerLag(partition.topic(), partition.partition(), offset.offset(), end, end - offset.offset(),
          owner == null ? "" : owner.consumerId(), owner == null ? null : owner.instanceId(),
          owner == null ? "" : owner.clientId()));
    });
    lags.sort(ORDER);
    return lags;
  }

  /** {@return the summary of lags in {@link #ORDER}, or empty when there are none} */
  static Optional<LagSummary> summary(List<ConsumerLag> ordered) {
    if (ordered.isEmpty()) {
      return Optional.empty();
    }
    long total = 0;
    for (ConsumerLag lag : ordered) {
      total += lag.lag();
    }
    return Optional.of(new LagSummary(ordered.get(0), total));
  }

  /** {@return a group description as the v3 API shows it} */
  static ConsumerGroupInfo group(ConsumerGroupDescription description) {
    List<ConsumerInfo> consumers = description.members().stream()
        .map(Lags::consumer)
        .sorted(Comparator.comparing(ConsumerInfo::consumerId))
        .toList();
    Node coordinator = description.coordinator();
    GroupType type = description.type();
    boolean mixed = type == GroupType.CONSUMER
        && description.members().stream().anyMatch(member -> member.upgraded().equals(Optional.of(false)));
    return new ConsumerGroupInfo(description.groupId(), description.isSimpleConsumerGroup(),
        description.partitionAssignor() == null ? "" : description.partitionAssignor(),
        state(description.groupState()), type(type), mixed,
        coordinator == null || coordinator.isEmpty() ? null : coordinator.id(), consumers);
  }

  /** {@return Confluent's name of a group state; states it does not know are UNKNOWN} */
  static String state(@Nullable GroupState state) {
    if (state == null) {
      return "UNKNOWN";
    }
    return switch (state) {
      case STABLE, EMPTY, PREPARING_REBALANCE, COMPLETING_REBALANCE, DEAD, ASSIGNING, RECONCILING -> state.name();
      default -> "UNKNOWN";
    };
  }

  /** {@return Confluent's name of a group type; types it does not know are UNKNOWN} */
  static String type(@Nullable GroupType type) {
    if (type == null) {
      return "UNKNOWN";
    }
    return switch (type) {
      case CLASSIC, CONSUMER, SHARE -> type.name();
      default -> "UNKNOWN";
    };
  }

  private static ConsumerInfo consumer(MemberDescription member) {
    List<TopicPartition> assigned = member.assignment().topicPartitions().stream()
        .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
        .toList();
    return new ConsumerInfo(member.consumerId(), member.groupInstanceId().orElse(null), member.clientId(), assigned);
  }
}
