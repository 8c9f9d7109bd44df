package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kafkarest.core.consumer.InstanceSettings;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** The request bodies of the consumer endpoints, as Confluent names their fields. */
final class ConsumerRequests {
  private ConsumerRequests() {}

  /** {@code POST /consumers/{group}}; every field is optional. */
  record CreateConsumer(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("id") @Nullable String id,
      @JsonProperty("format") @Nullable String format,
      @JsonProperty("auto.offset.reset") @Nullable String autoOffsetReset,
      @JsonProperty("auto.commit.enable") @Nullable String autoCommitEnable,
      @JsonProperty("fetch.min.bytes") @JsonAlias("responseMinBytes") @Nullable Integer fetchMinBytes,
      @JsonProperty("consumer.request.timeout.ms") @JsonAlias("requestWaitMs") @Nullable Integer requestTimeoutMs) {

    /** The settings core validates and builds the instance from (see {@link InstanceSettings#fromRequest}). */
    InstanceSettings toSettings() {
      return InstanceSettings.fromRequest(format, autoOffsetReset, autoCommitEnable, fetchMinBytes, requestTimeoutMs);
    }
  }

  /** {@code POST .../subscription}: a topic list or a pattern. */
  record Subscription(
      @JsonProperty("topics") @Nullable List<String> topics,
      @JsonProperty("topic_pattern") @Nullable String topicPattern) {}

  /** A topic and partition in a request. */
  record Partition(
      @JsonProperty("topic") @Nullable String topic,
      @JsonProperty("partition") @Nullable Integer partition) {

    TopicPartition toKafka(String field) {
      return ConsumerRequests.partition(topic, partition, field);
    }
  }

  /** {@code POST .../assignments}, {@code .../positions/beginning|end}, {@code GET .../offsets}. */
  record Partitions(@JsonProperty("partitions") @Nullable List<Partition> partitions) {

    List<TopicPartition> toKafka() {
      if (partitions == null) {
        throw unprocessable("partitions is required.");
      }
      return java.util.stream.IntStream.range(0, partitions.size())
          .mapToObj(i -> element(partitions.get(i), "partitions[" + i + "]").toKafka("partitions[" + i + "]"))
          .toList();
    }
  }

  /** An offset of a partition, with optional commit metadata. */
  record PartitionOffset(
      @JsonProperty("topic") @Nullable String topic,
      @JsonProperty("partition") @Nullable Integer partition,
      @JsonProperty("offset") @Nullable Long offset,
      @JsonProperty("metadata") @Nullable String metadata) {

    TopicPartition toKafka(String field) {
      return ConsumerRequests.partition(topic, partition, field);
    }

    long requireOffset(String field) {
      if (offset == null) {
        throw unprocessable(field + ".offset is required.");
      }
      return offset;
    }
  }

  /** A timestamp to seek a partition to. */
  record PartitionTimestamp(
      @JsonProperty("topic") @Nullable String topic,
      @JsonProperty("partition") @Nullable Integer partition,
      @JsonProperty("timestamp") @Nullable String timestamp,
      @JsonProperty("metadata") @Nullable String metadata) {

    TopicPartition toKafka(String field) {
      return ConsumerRequests.partition(topic, partition, field);
    }

    Instant instant(String field) {
      if (timestamp == null) {
        throw unprocessable(field + ".timestamp is required.");
      }
      try {
        return OffsetDateTime.parse(timestamp).toInstant();
      } catch (DateTimeParseException e) {
        throw unprocessable(field + ".timestamp is not an ISO-8601 date-time with an offset: " + timestamp);
      }
    }
  }

  /** {@code POST .../offsets}. */
  record Commit(@JsonProperty("offsets") @Nullable List<PartitionOffset> offsets) {}

  /** {@code POST .../positions}. */
  record Seek(
      @JsonProperty("offsets") @Nullable List<PartitionOffset> offsets,
      @JsonProperty("timestamps") @Nullable List<PartitionTimestamp> timestamps) {}

  static <T> T element(@Nullable T value, String field) {
    if (value == null) {
      throw unprocessable(field + " must not be null.");
    }
    return value;
  }

  static <T> T body(@Nullable T body) {
    if (body == null) {
      throw unprocessable("The request body is required.");
    }
    return body;
  }

  static TopicPartition partition(@Nullable String topic, @Nullable Integer partition, String field) {
    if (topic == null || topic.isEmpty()) {
      throw unprocessable(field + ".topic is required.");
    }
    if (partition == null) {
      throw unprocessable(field + ".partition is required.");
    }
    if (partition < 0) {
      throw unprocessable(field + ".partition must not be negative (was " + partition + ").");
    }
    return new TopicPartition(topic, partition);
  }

  static ProxyException unprocessable(String message) {
    return new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, message);
  }
}
