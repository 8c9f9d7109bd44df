package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.v2.ConsumerRequests.Commit;
import dev.kafkarest.server.v2.ConsumerRequests.Partition;
import dev.kafkarest.server.v2.ConsumerRequests.PartitionOffset;
import dev.kafkarest.server.v2.ConsumerRequests.PartitionTimestamp;
import dev.kafkarest.server.v2.ConsumerRequests.Partitions;
import dev.kafkarest.server.v2.ConsumerRequests.Seek;
import dev.kafkarest.server.v2.ConsumerRequests.Subscription;
import jakarta.ws.rs.ProcessingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConsumerRequestsTest {
  private static final TopicPartition T0 = new TopicPartition("t", 0);
  private static final TopicPartition T1 = new TopicPartition("t", 1);

  @Test
  void commitToKafka_lastProcessedOffsets_commitsNextOffsetsWithMetadataInRequestOrder() {
    Commit commit = new Commit(List.of(new PartitionOffset("t", 1, 41L, "m"), new PartitionOffset("t", 0, -1L, null)));

    Map<TopicPartition, OffsetAndMetadata> offsets = commit.toKafka();

    assertEquals(List.of(T1, T0), List.copyOf(offsets.keySet()));
    assertEquals(new OffsetAndMetadata(42, "m"), offsets.get(T1));
    assertEquals(new OffsetAndMetadata(0), offsets.get(T0));
  }

  @Test
  void commitToKafka_noOffsets_meansCommitWhatWasReturned() {
    assertNull(new Commit(null).toKafka());
  }

  @Test
  void commitToKafka_badEntry_throws422NamingTheField() {
    assertUnprocessable("offsets[1].offset must be -1 or more (was -2).",
        () -> new Commit(List.of(new PartitionOffset("t", 0, 1L, null), new PartitionOffset("t", 0, -2L, null)))
            .toKafka());
    assertUnprocessable("offsets[0].offset is required.",
        () -> new Commit(List.of(new PartitionOffset("t", 0, null, null))).toKafka());
    assertUnprocessable("offsets[0].topic is required.",
        () -> new Commit(List.of(new PartitionOffset(null, 0, 3L, null))).toKafka());
    assertUnprocessable("offsets[0] must not be null.", () -> new Commit(Arrays.asList((PartitionOffset) null)).toKafka());
  }

  /** Found by ConsumerRequestsFuzzTest: offset + 1 overflowed into a negative offset, which Kafka refused (500). */
  @Test
  void commitToKafka_largestLongOffset_throws422InsteadOfOverflowing() {
    assertUnprocessable("offsets[0].offset must be less than 9223372036854775807 (was 9223372036854775807).",
        () -> new Commit(List.of(new PartitionOffset("t", 0, Long.MAX_VALUE, null))).toKafka());
  }

  @Test
  void seekToKafka_offsetsAndTimestamps_areConverted() {
    Seek seek = new Seek(List.of(new PartitionOffset("t", 0, 5L, null)),
        List.of(new PartitionTimestamp("t", 1, "2024-01-02T03:04:05+01:00", null)));

    Seek.Targets targets = seek.toKafka();

    assertEquals(Map.of(T0, 5L), targets.offsets());
    assertEquals(Map.of(T1, Instant.parse("2024-01-02T02:04:05Z")), targets.timestamps());
  }

  @Test
  void seekToKafka_badEntry_throws422NamingTheField() {
    assertUnprocessable("offsets[0].offset must not be negative (was -1).",
        () -> new Seek(List.of(new PartitionOffset("t", 0, -1L, null)), null).toKafka());
    assertUnprocessable("timestamps[0].partition must not be negative (was -3).",
        () -> new Seek(null, List.of(new PartitionTimestamp("t", -3, "2024-01-02T03:04:05Z", null))).toKafka());
    assertUnprocessable("timestamps[0].timestamp is not an ISO-8601 date-time with an offset: yesterday",
        () -> new Seek(null, List.of(new PartitionTimestamp("t", 0, "yesterday", null))).toKafka());
    for (String outOfRange : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z")) {
      assertUnprocessable("timestamps[0].timestamp must not be before 1970-01-01T00:00:00Z nor in the year 292278994 "
          + "or later: " + outOfRange,
          () -> new Seek(null, List.of(new PartitionTimestamp("t", 0, outOfRange, null))).toKafka());
    }
  }

  @Test
  void partitionsToKafka_missingListOrBadEntry_throws422() {
    assertEquals(List.of(T1, T0), new Partitions(List.of(new Partition("t", 1), new Partition("t", 0))).toKafka());
    assertUnprocessable("partitions is required.", () -> new Partitions(null).toKafka());
    assertUnprocessable("partitions[1].partition is required.",
        () -> new Partitions(List.of(new Partition("t", 1), new Partition("t", null))).toKafka());
  }

  @Test
  void partitionsFromQuery_commaSeparatedAndRepeated_keepsOrderAndSkipsBlanks() {
    assertEquals(List.of(T0, T1, new TopicPartition("a.b", 2)),
        ConsumerRequests.partitionsFromQuery(List.of("t:0,t:1,", "a.b:2")));
  }

  @Test
  void partitionsFromQuery_malformedItem_throws422() {
    assertUnprocessable("partitions must look like topic:partition, was 't'.",
        () -> ConsumerRequests.partitionsFromQuery(List.of("t")));
    assertUnprocessable("partitions must look like topic:partition, was 't:x'.",
        () -> ConsumerRequests.partitionsFromQuery(List.of("t:x")));
    assertUnprocessable("partitions.topic is required.", () -> ConsumerRequests.partitionsFromQuery(List.of(":1")));
  }

  @Test
  void subscription_topicsOrPattern_areConverted() {
    assertNull(new Subscription(List.of("a", "b"), null).toPattern());
    assertEquals(List.of("a", "b"), new Subscription(List.of("a", "b"), null).toTopics());
    assertEquals("t.*", new Subscription(null, "t.*").toPattern().pattern());
  }

  @Test
  void subscription_topicsAndPattern_throws40903() {
    ProxyException e = assertThrows(ProxyException.class,
        () -> new Subscription(List.of("a"), "t.*").toPattern());

    assertSame(ErrorCode.ILLEGAL_STATE, e.errorCode());
    assertEquals("Illegal state: Subscription to topics and to a pattern are mutually exclusive; give one of them.",
        e.getMessage());
  }

  @Test
  void subscription_badTopicsOrPattern_throws422() {
    assertUnprocessable("Give topics or topic_pattern.", () -> new Subscription(null, null).toTopics());
    assertUnprocessable("topics[1] must not be empty.", () -> new Subscription(List.of("a", ""), null).toTopics());
    assertUnprocessable("topics[0] must not be null.",
        () -> new Subscription(Arrays.asList((String) null), null).toTopics());
    ProxyException e = assertThrows(ProxyException.class, () -> new Subscription(null, "(").toPattern());
    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
  }

  /**
   * A name Kafka can never have is refused where it is given, as produce refuses it (400/40002): Kafka takes such a
   * subscription and fails only the first read, then answers [] for ever.
   */
  @Test
  void subscriptionOrPartition_illegalTopicName_throws40002() {
    for (Executable conversion : List.<Executable>of(
        () -> new Subscription(List.of("bad topic!"), null).toTopics(),
        () -> new Subscription(List.of("t".repeat(300)), null).toTopics(),
        () -> new Partitions(List.of(new Partition("bad topic!", 0))).toKafka())) {
      ProxyException e = assertThrows(ProxyException.class, conversion);
      assertSame(ErrorCode.KAFKA_BAD_REQUEST, e.errorCode());
      assertTrue(e.getMessage().startsWith("Invalid topic name: "), e.getMessage());
    }
  }

  @Test
  void readOptional_emptyBodyIsNull_malformedIsAJsonError() {
    var mapper = new ObjectMapperProvider().mapper();

    assertNull(ConsumerRequests.readOptional(mapper, new ByteArrayInputStream(new byte[0]), Partitions.class));
    assertEquals(List.of(T0), ConsumerRequests.readOptional(mapper,
        new ByteArrayInputStream("{\"partitions\":[{\"topic\":\"t\",\"partition\":0}]}".getBytes(StandardCharsets.UTF_8)),
        Partitions.class).toKafka());
    assertThrows(ProcessingException.class, () -> ConsumerRequests.readOptional(mapper,
        new ByteArrayInputStream("{\"partitions\":".getBytes(StandardCharsets.UTF_8)), Partitions.class));
  }

  private static void assertUnprocessable(String message, Executable conversion) {
    ProxyException e = assertThrows(ProxyException.class, conversion);
    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
    assertEquals(message, e.getMessage());
  }
}
