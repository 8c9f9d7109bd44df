package dev.kafkarest.core.produce;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Knows, for the produce path, whether a topic exists and how many partitions it has, so that a produce
 * to a missing topic or partition is refused at once instead of after the producer's {@code max.block.ms}.
 *
 * <p>Partition counts are cached for {@code ttl}; a look-up for a partition beyond the cached count
 * reloads once, so partitions added to a topic are seen without waiting for expiry. Failures are not
 * cached. When the cluster allows automatic topic creation, a missing topic is reported as
 * {@link #AUTO_CREATE} and the producer creates it, as with Confluent's proxy.
 */
public final class TopicDirectory {
  /** Partition count reported for a missing topic that the broker will create on first produce. */
  public static final int AUTO_CREATE = -1;

  /** Cached (briefly) for a topic that does not exist; never returned. */
  private static final int MISSING = -2;
  private static final String AUTO_CREATE_KEY = "";
  private static final String AUTO_CREATE_CONFIG = "auto.create.topics.enable";

  private final Admin admin;
  private final int timeoutMs;
  private final AsyncLoadingCache<String, Integer> partitionCounts;
  private final AsyncLoadingCache<String, Boolean> autoCreate;

  public TopicDirectory(Admin admin, Duration ttl, Duration timeout, Ticker ticker) {
    this.admin = admin;
    this.timeoutMs = Math.toIntExact(timeout.toMillis());
    this.partitionCounts = Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(100_000)
        .ticker(ticker)
        .executor(Runnable::run)
        .buildAsync((topic, executor) -> describe(topic));
    this.autoCreate = Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .ticker(ticker)
        .executor(Runnable::run)
        .buildAsync((ignored, executor) -> loadAutoCreate());
  }

  /**
   * Returns the topic's partition count, or {@link #AUTO_CREATE}. Completes exceptionally with a
   * {@link ProxyException}: 404/40401 for a missing topic, or the translated Kafka failure.
   */
  public CompletableFuture<Integer> partitionCount(String topic) {
    CompletableFuture<Integer> lookup = partitionCounts.get(topic);
    return lookup.handle((count, failure) -> {
      if (failure != null) {
        throw KafkaErrors.translate(failure);
      }
      return count;
    }).thenCompose(count -> {
      if (count != MISSING) {
        return CompletableFuture.completedFuture(count);
      }
      partitionCounts.asMap().remove(topic, lookup);
      // When the broker's settings cannot be read (not authorized, say), the topic counts as missing.
      return autoCreate.get(AUTO_CREATE_KEY).handle((enabled, failure) -> {
        if (failure == null && enabled) {
          return AUTO_CREATE;
        }
        throw ProxyException.topicNotFound(topic);
      });
    });
  }

  /**
   * Returns the partition count after checking that {@code highestPartition} exists, reloading a
   * cached count once when it looks too small.
   */
  public CompletableFuture<Integer> requirePartition(String topic, int highestPartition) {
    return partitionCount(topic).thenCompose(count -> {
      if (count == AUTO_CREATE || highestPartition < count) {
        return CompletableFuture.completedFuture(count);
      }
      partitionCounts.synchronous().invalidate(topic);
      return partitionCount(topic).thenApply(fresh -> {
        if (fresh != AUTO_CREATE && highestPartition >= fresh) {
          throw ProxyException.partitionNotFound(topic, highestPartition);
        }
        return fresh;
      });
    });
  }

  /**
   * Loads a partition count. A missing topic loads as {@link #MISSING} rather than as a failure, which
   * Caffeine would log with a stack trace on every produce to a missing topic; the entry is dropped again
   * at once.
   */
  private CompletableFuture<Integer> describe(String topic) {
    return admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
        .topicNameValues().get(topic)
        .toCompletionStage()
        .thenApply(description -> description.partitions().size())
        .toCompletableFuture()
        .exceptionally(failure -> {
          if (KafkaErrors.unwrap(failure) instanceof UnknownTopicOrPartitionException) {
            return MISSING;
          }
          throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
        });
  }

  private CompletableFuture<Boolean> loadAutoCreate() {
    return admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
        .toCompletionStage()
        .thenCompose(nodes -> {
          if (nodes.isEmpty()) {
            return CompletableFuture.completedFuture(false);
          }
          ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
          return admin.describeConfigs(List.of(broker), new DescribeConfigsOptions().timeoutMs(timeoutMs))
              .values().get(broker)
              .toCompletionStage()
              .thenApply(config -> {
                var entry = config.get(AUTO_CREATE_CONFIG);
                return entry != null && Boolean.parseBoolean(entry.value());
              });
        })
        .toCompletableFuture();
  }
}
