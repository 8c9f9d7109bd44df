package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordArrivalsTest {
  private static final TopicPartition TP0 = new TopicPartition("t", 0);
  private static final TopicPartition TP1 = new TopicPartition("t", 1);

  private final FakeTicker ticker = new FakeTicker();
  private final MockConsumer<byte[], byte[]> watching = new MockConsumer<>("latest");
  private final RecordArrivals arrivals = new RecordArrivals(watching, ticker);
  private final AtomicInteger woken = new AtomicInteger();

  @Test
  void await_recordArrivesAtPosition_wakesTheReadOnce() {
    assertNotNull(arrivals.await(Map.of(TP0, 5L), woken::incrementAndGet));
    arrivals.runOnce(Duration.ZERO);
    assertEquals(Set.of(TP0), watching.assignment());
    assertEquals(0, woken.get());

    arrive(TP0, 5);
    arrivals.runOnce(Duration.ZERO);
    arrive(TP0, 6);
    arrivals.runOnce(Duration.ZERO);

    assertEquals(1, woken.get());
  }

  @Test
  void await_positionBelowWhatArrived_wakesAtOnce() {
    arrivals.await(Map.of(TP0, 5L), () -> {});
    arrivals.runOnce(Duration.ZERO);
    arrive(TP0, 5);
    arrivals.runOnce(Duration.ZERO);

    arrivals.await(Map.of(TP0, 5L), woken::incrementAndGet);

    assertEquals(1, woken.get());
  }

  @Test
  void await_laterPositionOnSamePartition_wakesReadsWaitingBelowIt() {
    AtomicInteger behind = new AtomicInteger();
    arrivals.await(Map.of(TP0, 5L), behind::incrementAndGet);

    arrivals.await(Map.of(TP0, 7L), woken::incrementAndGet);

    assertEquals(1, behind.get());
    assertEquals(0, woken.get());
  }

  @Test
  void await_severalPartitions_recordOnAnyWakes() {
    arrivals.await(Map.of(TP0, 3L, TP1, 8L), woken::incrementAndGet);
    arrivals.runOnce(Duration.ZERO);

    arrive(TP1, 8);
    arrivals.runOnce(Duration.ZERO);

    assertEquals(1, woken.get());
  }

  @Test
  void runOnce_noReadWaiting_pausesThePartitionUntilOneWaitsAgain() {
    arrivals.await(Map.of(TP0, 5L), woken::incrementAndGet);
    arrivals.runOnce(Duration.ZERO);
    arrive(TP0, 5);
    arrivals.runOnce(Duration.ZERO);
    assertEquals(1, woken.get());

    arrivals.runOnce(Duration.ZERO);
    assertEquals(Set.of(TP0), watching.paused());

    arrivals.await(Map.of(TP0, 6L), woken::incrementAndGet);
    arrivals.runOnce(Duration.ZERO);
    assertEquals(Set.of(), watching.paused());
    assertEquals(6L, watching.position(TP0));
  }

  @Test
  void cancel_beforeRecordArrives_readIsNotWoken() {
    RecordArrivals.Waiting waiting = arrivals.await(Map.of(TP0, 5L), woken::incrementAndGet);
    arrivals.runOnce(Duration.ZERO);

    waiting.cancel();
    arrive(TP0, 5);
    arrivals.runOnce(Duration.ZERO);

    assertEquals(0, woken.get());
  }

  @Test
  void runOnce_noReadWaitedForLinger_unassignsThePartition() {
    arrivals.await(Map.of(TP0, 5L), () -> {}).cancel();
    arrivals.runOnce(Duration.ZERO);
    ticker.advance(RecordArrivals.LINGER.minusMillis(1));
    arrivals.runOnce(Duration.ZERO);
    assertEquals(Set.of(TP0), watching.assignment());

    ticker.advance(Duration.ofMillis(2));
    arrivals.runOnce(Duration.ZERO);

    assertEquals(Set.of(), watching.assignment());
    assertEquals(Set.of(), arrivals.watchedPartitions());
  }

  @Test
  void runOnce_watchFails_wakesEveryReadAndRefusesUntilRetry() {
    arrivals.await(Map.of(TP0, 5L), woken::incrementAndGet);
    arrivals.await(Map.of(TP1, 2L), woken::incrementAndGet);
    arrivals.runOnce(Duration.ZERO);
    watching.setPollException(new KafkaException("broken"));

    arrivals.runOnce(Duration.ZERO);

    assertEquals(2, woken.get());
    assertNull(arrivals.await(Map.of(TP0, 5L), () -> {}));
    ticker.advance(RecordArrivals.RETRY_AFTER_FAILURE);
    assertNotNull(arrivals.await(Map.of(TP0, 5L), () -> {}));
  }

  /**
   * An instance sought past the end: the watch moves to the end, where a read waits for a record; the read past the
   * end is woken, since only its own consumer's fetch resets its position (to {@code auto.offset.reset}) and no
   * record will ever arrive there.
   */
  @Test
  void runOnce_positionPastThePartitionsEnd_watchesFromTheEndAndReadsThereWait() {
    AtomicInteger pastEnd = new AtomicInteger();
    watching.updateEndOffsets(Map.of(TP0, 10L));
    arrivals.await(Map.of(TP0, 10L), () -> {});
    arrivals.await(Map.of(TP0, 1_000_000L), pastEnd::incrementAndGet); // an instance sought past the end
    arrivals.runOnce(Duration.ZERO); // assigns and seeks the watch there
    watching.setPollException(new OffsetOutOfRangeException("out of range", Map.of(TP0, 1_000_000L)));

    arrivals.runOnce(Duration.ZERO);

    assertEquals(1, pastEnd.get(), "the read past the end goes to fetch");
    assertEquals(10L, watching.position(TP0));
    assertNotNull(arrivals.await(Map.of(TP0, 10L), woken::incrementAndGet));
    arrivals.runOnce(Duration.ZERO); // the turn the wait resuming the partition woke
    assertEquals(0, woken.get(), "a read at the end waits for a record");
    arrive(TP0, 10);
    arrivals.runOnce(Duration.ZERO);
    assertEquals(1, woken.get());
  }

  @Test
  void start_watchingConsumer_isToldOfOffsetsOutOfRange_andCreatesNoTopic() {
    Map<String, Object> seen = new HashMap<>();
    try (RecordArrivals started = RecordArrivals.start(config -> {
      seen.putAll(config);
      return new MockConsumer<>("none");
    }, Map.of("group.id", "g", "allow.auto.create.topics", "true"), "test-watch")) {
      assertEquals("none", seen.get("auto.offset.reset"));
      assertNull(seen.get("group.id"));
      // A topic deleted under a waiting read must stay deleted (the broker may create topics on request).
      assertEquals(false, seen.get("allow.auto.create.topics"));
    }
  }

  @Test
  void await_newPartitionWhileWatchIdles_endsItsWaitAtOnce() throws InterruptedException {
    Thread idle = new Thread(() -> arrivals.runOnce(Duration.ofMinutes(5)));
    idle.start();

    arrivals.await(Map.of(TP0, 5L), () -> {});

    idle.join(Duration.ofSeconds(30).toMillis());
    assertEquals(false, idle.isAlive());
  }

  @Test
  void await_disabledOrNoPartitions_refuses() {
    assertNull(RecordArrivals.disabled().await(Map.of(TP0, 0L), () -> {}));
    assertNull(arrivals.await(Map.of(), () -> {}));
  }

  private void arrive(TopicPartition partition, long offset) {
    watching.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, new byte[1]));
  }
}
