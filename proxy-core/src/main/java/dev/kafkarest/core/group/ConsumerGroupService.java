package dev.kafkarest.core.group;

import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Consumer groups, their members and assignments, and their lags, for the v3 API.
 *
 * <p>Every method takes the cluster id the client named (404 when it is another, see
 * {@link ClusterAdmin#requireCluster}); an unknown group is 404/404. Lags are read from the group's
 * committed offsets and the partitions' latest offsets at read-committed isolation, so a transaction's
 * unfinished records do not count. Every Admin call is bounded by the timeout; nothing here blocks.
 */
public final class ConsumerGroupService {
  private final Admin admin;
  private final ClusterAdmin cluster;
  private final int timeoutMs;

  public ConsumerGroupService(Admin admin, ClusterAdmin cluster, Duration timeout) {
    this.admin = admin;
    this.cluster = cluster;
    this.timeoutMs = Math.toIntExact(timeout.toMillis());
  }

  /** {@return the consumer groups that {@code visible} accepts, sorted by id} */
  public CompletableFuture<List<ConsumerGroupInfo>> groups(String clusterId, Predicate<String> visible) {
    return cluster.requireCluster(clusterId)
        .thenCompose(ignored -> translate(admin.listGroups(ListGroupsOptions.forConsumerGroups().timeoutMs(timeoutMs))
            .all()))
        .thenCompose(listings -> {
          List<String> ids = listings.stream().map(GroupListing::groupId).filter(visible).sorted().toList();
          if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(List.<ConsumerGroupInfo>of());
          }
          return translate(admin.describeConsumerGroups(ids, new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs))
              .all())
              .thenApply(descriptions -> descriptions.values().stream()
                  .filter(description -> description.groupState() != GroupState.DEAD)
                  .map(Lags::group)
                  .sorted(Comparator.comparing(ConsumerGroupInfo::groupId))
                  .toList());
        });
  }

  /** {@return one consumer group}, or a 404 */
  public CompletableFuture<ConsumerGroupInfo> group(String clusterId, String groupId) {
    return cluster.requireCluster(clusterId).thenCompose(ignored -> describe(groupId)).thenApply(Lags::group);
  }

  /** {@return one member of a group}, or a 404 */
  public CompletableFuture<ConsumerInfo> consumer(String clusterId, String groupId, String consumerId) {
    return group(clusterId, groupId).thenApply(group -> group.consumers().stream()
        .filter(consumer -> consumer.consumerId().equals(consumerId))
        .findFirst()
        .orElseThrow(() -> notFound("Consumer " + consumerId + " of consumer group " + groupId + " cannot be found.")));
  }

  /**
   * {@return the group's lags on the topics {@code visible} accepts, in Confluent's order (largest first,
   *     then topic, then partition)}, or a 404 when the group is unknown or has no such committed offset
   */
  public CompletableFuture<List<ConsumerLag>> lags(String clusterId, String groupId, Predicate<String> visible) {
    return group(clusterId, groupId).thenCompose(group -> committed(groupId, visible)
        .thenCompose(committed -> logEnds(committed.keySet())
            .thenApply(ends -> Lags.of(committed, ends, group.consumers()))))
        .thenApply(lags -> {
          if (lags.isEmpty()) {
            throw notFound("Consumer lags of consumer group " + groupId + " cannot be found.");
          }
          return lags;
        });
  }

  /** {@return the lag of one partition}, or a 404 when the group has no committed offset there */
  public CompletableFuture<ConsumerLag> lag(String clusterId, String groupId, String topic, int partition) {
    return lags(clusterId, groupId, name -> name.equals(topic)).thenApply(lags -> lags.stream()
        .filter(lag -> lag.partition() == partition)
        .findFirst()
        .orElseThrow(() -> notFound("Consumer lag of consumer group " + groupId + " on partition " + partition
            + " of topic " + topic + " cannot be found.")));
  }

  /** {@return the group's largest and total lag over the topics {@code visible} accepts}, or a 404 */
  public CompletableFuture<LagSummary> lagSummary(String clusterId, String groupId, Predicate<String> visible) {
    return lags(clusterId, groupId, visible).thenApply(lags -> Lags.summary(lags).orElseThrow());
  }

  private CompletableFuture<ConsumerGroupDescription> describe(String groupId) {
    return admin.describeConsumerGroups(List.of(groupId), new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs))
        .describedGroups().get(groupId).toCompletionStage().toCompletableFuture()
        .handle((description, failure) -> {
          if (failure != null) {
            if (KafkaErrors.unwrap(failure) instanceof GroupIdNotFoundException) {
              throw groupNotFound(groupId);
            }
            throw KafkaErrors.translate(failure);
          }
          if (description.groupState() == GroupState.DEAD) {
            throw groupNotFound(groupId);
          }
          return description;
        });
  }

  private CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>> committed(String groupId,
      Predicate<String> visible) {
    return translate(admin.listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
        .partitionsToOffsetAndMetadata())
        .thenApply(offsets -> {
          Map<TopicPartition, @Nullable OffsetAndMetadata> kept = new LinkedHashMap<>();
          offsets.forEach((partition, offset) -> {
            if (offset != null && visible.test(partition.topic())) {
              kept.put(partition, offset);
            }
          });
          return kept;
        });
  }

  /** {@return the latest read-committed offset of each partition; a partition that fails is left out} */
  private CompletableFuture<Map<TopicPartition, Long>> logEnds(java.util.Set<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(partition -> specs.put(partition, OffsetSpec.latest()));
    ListOffsetsResult result = admin.listOffsets(specs,
        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs));
    Map<TopicPartition, CompletableFuture<@Nullable Long>> futures = new HashMap<>();
    partitions.forEach(partition -> futures.put(partition, result.partitionResult(partition).toCompletionStage()
        .toCompletableFuture().handle((info, failure) -> failure == null ? info.offset() : null)));
    return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).thenApply(ignored -> {
      Map<TopicPartition, Long> ends = new HashMap<>();
      futures.forEach((partition, future) -> {
        Long end = future.join();
        if (end != null) {
          ends.put(partition, end);
        }
      });
      return ends;
    });
  }

  private static ProxyException groupNotFound(String groupId) {
    return notFound("Consumer group " + groupId + " cannot be found.");
  }

  private static ProxyException notFound(String message) {
    return new ProxyException(ErrorCode.NOT_FOUND, message);
  }

  private static <T> CompletableFuture<T> translate(KafkaFuture<T> future) {
    return future.toCompletionStage().toCompletableFuture().handle((value, failure) -> {
      if (failure != null) {
        throw KafkaErrors.translate(failure);
      }
      return value;
    });
  }
}
