package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.consumer.ConsumerInstance;
import dev.kafkarest.core.consumer.InstanceSettings;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.produce.TopicNames;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies of the consumer endpoints, as Confluent names their fields, and their conversion to
 * what the core takes. Every conversion fails with 422 naming the field ({@code offsets[2].partition}).
 */
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

    static final CreateConsumer EMPTY = new CreateConsumer(null, null, null, null, null, null, null);

    /** {@return the instance name: {@code id} (Confluent's older field) when given, else {@code name}} */
    @Nullable String instanceName() {
      return id != null ? id : name;
    }

    /** The settings core validates and builds the instance from (see {@link InstanceSettings#fromRequest}). */
    InstanceSettings toSettings() {
      return InstanceSettings.fromRequest(format, autoOffsetReset, autoCommitEnable, fetchMinBytes, requestTimeoutMs);
    }
  }

  /** {@code POST .../subscription}: a topic list or a pattern. */
  record Subscription(
      @JsonProperty("topics") @Nullable List<String> topics,
      @JsonProperty("topic_pattern") @Nullable String topicPattern) {

    /**
     * {@return the pattern to subscribe to, or null when the subscription is a topic list}
     *
     * @throws ProxyException 409/40903 when both are given; 422 for an invalid regular expression
     */
    @Nullable Pattern toPattern() {
      if (topics != null && topicPattern != null) {
        throw ConsumerInstance.illegalState(
            "Subscription to topics and to a pattern are mutually exclusive; give one of them.", null);
      }
      if (topicPattern == null) {
        return null;
      }
      try {
        return Pattern.compile(topicPattern);
      } catch (PatternSyntaxException e) {
        throw unprocessable("topic_pattern is not a valid regular expression: " + e.getDescription());
      }
    }

    /** {@return the topics} @throws ProxyException 422 when there are none, or one is null or empty */
    List<String> toTopics() {
      if (topics == null) {
        throw unprocessable("Give topics or topic_pattern.");
      }
      List<String> checked = new ArrayList<>(topics.size());
      forEach(topics, "topics", (topic, field) -> {
        if (topic.isEmpty()) {
          throw unprocessable(field + " must not be empty.");
        }
        // Kafka would take the subscription and fail the first read only (then answer [] for ever).
        TopicNames.requireValid(topic);
        checked.add(topic);
      });
      return checked;
    }
  }

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
      List<TopicPartition> converted = new ArrayList<>(partitions.size());
      forEach(partitions, "partitions", (entry, field) -> converted.add(entry.toKafka(field)));
      return converted;
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

    /** {@return the offset} @throws ProxyException 422 when it is missing or below {@code min} */
    long offset(String field, long min, String rule) {
      if (offset == null) {
        throw unprocessable(field + ".offset is required.");
      }
      if (offset < min) {
        throw unprocessable(field + ".offset " + rule + " (was " + offset + ").");
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
      Instant instant;
      try {
        instant = OffsetDateTime.parse(timestamp).toInstant();
      } catch (DateTimeParseException e) {
        throw unprocessable(field + ".timestamp is not an ISO-8601 date-time with an offset: " + timestamp);
      }
      // Kafka looks offsets up by milliseconds since the epoch, never negative.
      if (instant.isBefore(Instant.EPOCH) || instant.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
        throw unprocessable(field + ".timestamp must not be before 1970-01-01T00:00:00Z nor in the year 292278994 or "
            + "later: " + timestamp);
      }
      return instant;
    }
  }

  /** {@code POST .../offsets}: the last offset the client processed, per partition. */
  record Commit(@JsonProperty("offsets") @Nullable List<PartitionOffset> offsets) {

    /**
     * {@return the offsets to commit: each given offset plus one, since the client names the last record it
     *     processed (so -1, nothing processed, commits 0); null when no offsets are given, which commits
     *     what the instance returned}
     */
    @Nullable Map<TopicPartition, OffsetAndMetadata> toKafka() {
      if (offsets == null) {
        return null;
      }
      Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
      forEach(offsets, "offsets", (entry, field) -> {
        long offset = entry.offset(field, -1, "must be -1 or more");
        if (offset == Long.MAX_VALUE) {
          // The next offset, which is what Kafka stores, would overflow.
          throw unprocessable(field + ".offset must be less than " + Long.MAX_VALUE + " (was " + offset + ").");
        }
        next.put(entry.toKafka(field), new OffsetAndMetadata(offset + 1, entry.metadata()));
      });
      return next;
    }
  }

  /** {@code POST .../positions}. */
  record Seek(
      @JsonProperty("offsets") @Nullable List<PartitionOffset> offsets,
      @JsonProperty("timestamps") @Nullable List<PartitionTimestamp> timestamps) {

    /** Where to move: the next offset to read, or the first record at or after an instant, per partition. */
    record Targets(Map<TopicPartition, Long> offsets, Map<TopicPartition, Instant> timestamps) {}

    Targets toKafka() {
      Map<TopicPartition, Long> byOffset = new LinkedHashMap<>();
      forEach(offsets, "offsets", (entry, field) -> {
        long offset = entry.offset(field, 0, "must not be negative");
        byOffset.put(entry.toKafka(field), offset);
      });
      Map<TopicPartition, Instant> byTimestamp = new LinkedHashMap<>();
      forEach(timestamps, "timestamps", (entry, field) -> byTimestamp.put(entry.toKafka(field), entry.instant(field)));
      return new Targets(byOffset, byTimestamp);
    }
  }

  /**
   * {@return the partitions of {@code ?partitions=topic:0,topic:1} (repeatable), for clients that cannot
   *     send a body on GET}
   */
  static List<TopicPartition> partitionsFromQuery(List<String> values) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String value : values) {
      for (String item : value.split(",")) {
        if (item.isBlank()) {
          continue;
        }
        int colon = item.lastIndexOf(':');
        try {
          partitions.add(partition(item.substring(0, Math.max(colon, 0)),
              Integer.parseInt(item.substring(colon + 1).trim()), "partitions"));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          throw unprocessable("partitions must look like topic:partition, was '" + item + "'.");
        }
      }
    }
    return partitions;
  }

  /**
   * {@return a body Jersey does not bind (a GET's), or null when it is empty}; malformed JSON fails as a
   *     bound body does
   */
  static <T> @Nullable T readOptional(ObjectMapper mapper, InputStream body, Class<T> type) {
    try {
      byte[] bytes = body.readAllBytes();
      return bytes.length == 0 ? null : mapper.readValue(bytes, type);
    } catch (IOException e) {
      throw e instanceof JsonProcessingException json
          ? new ProcessingException(json)
          : new ProxyException(ErrorCode.BAD_REQUEST, "Could not read the request body: " + e.getMessage(), e);
    }
  }

  static <T> T body(@Nullable T body) {
    if (body == null) {
      throw unprocessable("The request body is required.");
    }
    return body;
  }

  static ProxyException unprocessable(String message) {
    return new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, message);
  }

  /** Runs {@code action} on each element with its field name ({@code name[i]}); a null element is a 422. */
  private static <E> void forEach(@Nullable List<E> entries, String name, BiConsumer<E, String> action) {
    if (entries == null) {
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      String field = name + "[" + i + "]";
      E entry = entries.get(i);
      if (entry == null) {
        throw unprocessable(field + " must not be null.");
      }
      action.accept(entry, field);
    }
  }

  private static TopicPartition partition(@Nullable String topic, @Nullable Integer partition, String field) {
    if (topic == null || topic.isEmpty()) {
      throw unprocessable(field + ".topic is required.");
    }
    if (partition == null) {
      throw unprocessable(field + ".partition is required.");
    }
    if (partition < 0) {
      throw unprocessable(field + ".partition must not be negative (was " + partition + ").");
    }
    TopicNames.requireValid(topic);
    return new TopicPartition(topic, partition);
  }
}
