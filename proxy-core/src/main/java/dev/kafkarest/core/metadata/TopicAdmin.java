package dev.kafkarest.core.metadata;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * Creates and deletes topics through the Admin client, every call bounded by the configured timeout.
 *
 * <p>A create answers once the new topic is described by the cluster (checked a few times, 100 ms apart,
 * without holding a thread), so the next metadata call lists it. Failures are {@link ProxyException}s:
 * 409/40904 for a topic that exists, 404/40401 for deleting one that does not, 400/40002 with Kafka's
 * message (which names the property or the broker count) for an invalid property, partition count or
 * replication factor.
 */
public final class TopicAdmin {
  private static final int VISIBILITY_CHECKS = 20;
  private static final long VISIBILITY_PAUSE_MS = 100;

  private final Admin admin;
  private final int timeoutMs;
  private final Executor pause;

  /**
   * @param pause runs a task after {@value #VISIBILITY_PAUSE_MS} ms; tests pass one that runs at once
   */
  public TopicAdmin(Admin admin, Duration timeout, Executor pause) {
    this.admin = admin;
    this.timeoutMs = Math.toIntExact(timeout.toMillis());
    this.pause = pause;
  }

  /** A topic admin that pauses on the JDK's delayed executor. */
  public TopicAdmin(Admin admin, Duration timeout) {
    this(admin, timeout, CompletableFuture.delayedExecutor(VISIBILITY_PAUSE_MS, TimeUnit.MILLISECONDS));
  }

  /**
   * Creates a topic.
   *
   * @param partitions the partition count, or the broker's default when absent
   * @param replicationFactor the replication factor, or the broker's default when absent
   * @param configs topic configuration overrides
   */
  public CompletableFuture<Void> create(String topic, @Nullable Integer partitions,
      @Nullable Short replicationFactor, Map<String, String> configs) {
    if (partitions != null && partitions < 1) {
      return CompletableFuture.failedFuture(new ProxyException(ErrorCode.BAD_REQUEST,
          "partition_count must be at least 1, not " + partitions + "."));
    }
    if (replicationFactor != null && replicationFactor < 1) {
      return CompletableFuture.failedFuture(new ProxyException(ErrorCode.BAD_REQUEST,
          "replication_factor must be at least 1, not " + replicationFactor + "."));
    }
    NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
        .configs(configs);
    return admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs(timeoutMs)).all()
        .toCompletionStage().toCompletableFuture()
        .handle((ignored, failure) -> {
          if (failure != null) {
            throw createFailure(topic, failure);
          }
          return null;
        })
        .thenCompose(ignored -> visible(topic, VISIBILITY_CHECKS));
  }

  /** Deletes a topic. */
  public CompletableFuture<Void> delete(String topic) {
    return admin.deleteTopics(List.of(topic), new DeleteTopicsOptions().timeoutMs(timeoutMs)).all()
        .toCompletionStage().toCompletableFuture()
        .handle((ignored, failure) -> {
          if (failure == null) {
            return null;
          }
          if (KafkaErrors.unwrap(failure) instanceof UnknownTopicOrPartitionException) {
            throw ProxyException.topicNotFound(topic);
          }
          throw KafkaErrors.translate(failure);
        });
  }

  private CompletableFuture<Void> visible(String topic, int checksLeft) {
    return admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs)).allTopicNames()
        .toCompletionStage().toCompletableFuture()
        .handle((described, failure) -> failure == null || checksLeft <= 1)
        .thenCompose(done -> done ? CompletableFuture.<Void>completedFuture(null)
            : CompletableFuture.supplyAsync(() -> null, pause).thenCompose(ignored -> visible(topic, checksLeft - 1)));
  }

  private static ProxyException createFailure(String topic, Throwable failure) {
    Throwable error = KafkaErrors.unwrap(failure);
    if (error instanceof TopicExistsException) {
      return new ProxyException(ErrorCode.TOPIC_ALREADY_EXISTS, "Topic '" + topic + "' already exists.", error);
    }
    if (error instanceof InvalidConfigurationException || error instanceof InvalidReplicationFactorException) {
      return new ProxyException(ErrorCode.KAFKA_BAD_REQUEST, error.getMessage(), error);
    }
    return KafkaErrors.translate(error);
  }
}
