package dev.kafkarest.core.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LagsTest {
  private static final TopicPartition A0 = new TopicPartition("a", 0);
  private static final TopicPartition A1 = new TopicPartition("a", 1);
  private static final TopicPartition B0 = new TopicPartition("b", 0);
  private static final TopicPartition B1 = new TopicPartition("b", 1);

  @Test
  void of_severalPartitions_sortsByLagDescendingThenTopicThenPartition() {
    Map<TopicPartition, @Nullable OffsetAndMetadata> committed = new LinkedHashMap<>();
    committed.put(A0, new OffsetAndMetadata(5));
    committed.put(B1, new OffsetAndMetadata(0));
    committed.put(B0, new OffsetAndMetadata(0));
    committed.put(A1, new OffsetAndMetadata(7));

    List<ConsumerLag> lags = Lags.of(committed, Map.of(A0, 10L, A1, 10L, B0, 5L, B1, 5L), List.of());

    assertEquals(List.of("a-0:5", "b-0:5", "b-1:5", "a-1:3"), lags.stream()
        .map(lag -> lag.topic() + "-" + lag.partition() + ":" + lag.lag()).toList());
    // Equal lags: topic a before b.
    assertEquals(List.of("a", "b"), Lags.of(Map.of(A0, new OffsetAndMetadata(0), B0, new OffsetAndMetadata(0)),
        Map.of(A0, 1L, B0, 1L), List.of()).stream().map(ConsumerLag::topic).toList());
  }

  @Test
  void of_assignedPartition_namesOwner_unassignedHasEmptyIds() {
    ConsumerInfo owner = new ConsumerInfo("c-1", "static-1", "client-1", List.of(A0));

    List<ConsumerLag> lags = Lags.of(Map.of(A0, new OffsetAndMetadata(2), A1, new OffsetAndMetadata(1)),
        Map.of(A0, 12L, A1, 1L), List.of(owner));

    assertEquals(new ConsumerLag("a", 0, 2, 12, 10, "c-1", "static-1", "client-1"), lags.get(0));
    assertEquals(new ConsumerLag("a", 1, 1, 1, 0, "", null, ""), lags.get(1));
  }

  @Test
  void of_noCommitOrNoLogEnd_leavesPartitionOut() {
    Map<TopicPartition, @Nullable OffsetAndMetadata> committed = new LinkedHashMap<>();
    committed.put(A0, null);
    committed.put(A1, new OffsetAndMetadata(3));
    committed.put(B0, new OffsetAndMetadata(3));

    List<ConsumerLag> lags = Lags.of(committed, Map.of(A0, 9L, A1, 9L), List.of());

    assertEquals(List.of(A1), lags.stream().map(lag -> new TopicPartition(lag.topic(), lag.partition())).toList());
  }

  @Test
  void summary_lags_firstIsMaxAndTotalIsSum() {
    List<ConsumerLag> lags = Lags.of(Map.of(A0, new OffsetAndMetadata(1), B0, new OffsetAndMetadata(4)),
        Map.of(A0, 3L, B0, 10L), List.of());

    LagSummary summary = Lags.summary(lags).orElseThrow();

    assertEquals("b", summary.maxLag().topic());
    assertEquals(6, summary.maxLag().lag());
    assertEquals(8, summary.totalLag());
    assertTrue(Lags.summary(List.of()).isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"STABLE, STABLE", "EMPTY, EMPTY", "PREPARING_REBALANCE, PREPARING_REBALANCE",
      "COMPLETING_REBALANCE, COMPLETING_REBALANCE", "DEAD, DEAD", "ASSIGNING, ASSIGNING",
      "RECONCILING, RECONCILING", "NOT_READY, UNKNOWN", "UNKNOWN, UNKNOWN"})
  void state_kafkaState_confluentName(GroupState state, String expected) {
    assertEquals(expected, Lags.state(state));
  }

  @ParameterizedTest
  @CsvSource({"CLASSIC, CLASSIC", "CONSUMER, CONSUMER", "SHARE, SHARE", "STREAMS, UNKNOWN", "UNKNOWN, UNKNOWN"})
  void type_kafkaType_confluentName(GroupType type, String expected) {
    assertEquals(expected, Lags.type(type));
  }

  @Test
  void group_description_membersSortedAssignmentsSortedMixedDetected() {
    MemberDescription later = new MemberDescription("m-2", Optional.empty(), Optional.empty(), "c2", "/h",
        new MemberAssignment(Set.of(B1, A1, B0)), Optional.empty(), Optional.empty(), Optional.of(false));
    MemberDescription earlier = new MemberDescription("m-1", Optional.of("inst"), Optional.empty(), "c1", "/h",
        new MemberAssignment(Set.of()), Optional.empty(), Optional.empty(), Optional.of(true));
    ConsumerGroupDescription description = new ConsumerGroupDescription("g", false, List.of(later, earlier), "uniform",
        GroupType.CONSUMER, GroupState.STABLE, new Node(3, "h", 9092), Set.of(), Optional.empty(), Optional.empty());

    ConsumerGroupInfo group = Lags.group(description);

    assertEquals(List.of("m-1", "m-2"), group.consumers().stream().map(ConsumerInfo::consumerId).toList());
    assertEquals(List.of(A1, B0, B1), group.consumers().get(1).assignments());
    assertEquals("inst", group.consumers().get(0).instanceId());
    assertEquals("uniform", group.partitionAssignor());
    assertEquals(3, group.coordinatorId());
    assertEquals("CONSUMER", group.type());
    assertEquals("STABLE", group.state());
    assertTrue(group.mixed());
  }

  @Test
  void group_noCoordinator_null() {
    ConsumerGroupDescription description = new ConsumerGroupDescription("g", true, List.of(), "",
        GroupType.CLASSIC, GroupState.EMPTY, Node.noNode(), Set.of(), Optional.empty(), Optional.empty());

    ConsumerGroupInfo group = Lags.group(description);

    assertNull(group.coordinatorId());
    assertTrue(group.simple());
    assertEquals("EMPTY", group.state());
  }
}
