package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PositionsTest {
  private static final TopicPartition TP0 = new TopicPartition("t", 0);
  private static final TopicPartition TP1 = new TopicPartition("t", 1);

  private final KafkaDownConsumer consumer = new KafkaDownConsumer();
  private final Positions positions = new Positions(consumer, new FetchBuffer(consumer));

  @BeforeEach
  void assignedAtOffsetThree() {
    consumer.assign(List.of(TP0, TP1));
    consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
    consumer.updateEndOffsets(Map.of(TP0, 10L, TP1, 10L));
    consumer.seek(TP0, 3);
    consumer.seek(TP1, 3);
  }

  @Test
  void toBeginning_kafkaDown_failsAndLeavesPositionAsItWas() {
    consumer.down = true;

    assertThrows(TimeoutException.class, () -> positions.toBeginning(List.of(TP0)));

    consumer.down = false;
    assertEquals(3, consumer.position(TP0), "the failed move must not be applied later");
  }

  @Test
  void toEnd_kafkaDown_failsAndLeavesPositionAsItWas() {
    consumer.down = true;

    assertThrows(TimeoutException.class, () -> positions.toEnd(List.of(TP0)));

    consumer.down = false;
    assertEquals(3, consumer.position(TP0));
  }

  @Test
  void seek_timestampLookupFails_movesNoPartitionNotEvenThoseGivenOffsets() {
    consumer.down = true;

    assertThrows(TimeoutException.class,
        () -> positions.seek(Map.of(TP0, 7L), Map.of(TP1, Instant.ofEpochMilli(1_000))));

    consumer.down = false;
    assertEquals(3, consumer.position(TP0));
    assertEquals(3, consumer.position(TP1));
  }

  @Test
  void toBeginningAndToEnd_kafkaUp_moveToFirstAndEndOffsets() {
    positions.toBeginning(List.of(TP0));
    positions.toEnd(List.of(TP1));

    assertEquals(0, consumer.position(TP0));
    assertEquals(10, consumer.position(TP1));
  }

  @Test
  void seek_offsetsAndTimestampWithoutMatch_movesToOffsetAndToEnd() {
    positions.seek(Map.of(TP0, 7L), Map.of(TP1, Instant.ofEpochMilli(1_000)));

    assertEquals(7, consumer.position(TP0));
    assertEquals(10, consumer.position(TP1));
  }

  /** A consumer whose every look-up in Kafka times out while {@link #down}, as with no broker answering. */
  private static final class KafkaDownConsumer extends MockConsumer<byte[], byte[]> {
    volatile boolean down;

    KafkaDownConsumer() {
      super("earliest");
    }

    private void failIfDown() {
      if (down) {
        throw new TimeoutException("Timeout of 5000ms expired before the position could be determined");
      }
    }

    @Override
    public synchronized long position(TopicPartition partition) {
      failIfDown();
      return super.position(partition);
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
      failIfDown();
      return super.position(partition, timeout);
    }

    @Override
    public synchronized Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
      failIfDown();
      return super.beginningOffsets(partitions);
    }

    @Override
    public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
      failIfDown();
      return super.endOffsets(partitions);
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query) {
      failIfDown();
      // No record at or after any of the timestamps (MockConsumer does not implement the look-up).
      Map<TopicPartition, OffsetAndTimestamp> none = new HashMap<>();
      query.keySet().forEach(partition -> none.put(partition, null));
      return none;
    }
  }
}
