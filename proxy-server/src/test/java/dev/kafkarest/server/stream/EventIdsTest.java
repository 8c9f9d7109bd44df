package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void of_record_isTopicPartitionOffset() {
    assertEquals("my.topic_1/3/42", EventIds.of(new ConsumerRecord<>("my.topic_1", 3, 42, "k", "v")));
  }

  @Test
  void resumeOffsets_onePosition_resumesRightAfterIt() {
    assertEquals(Map.of(new TopicPartition("t", 0), 6L), EventIds.resumeOffsets("t/0/5"));
  }

  @Test
  void resumeOffsets_severalPositions_keepsTheLatestPerPartition() {
    assertEquals(Map.of(new TopicPartition("t", 0), 10L, new TopicPartition("u", 1), 1L),
        EventIds.resumeOffsets("t/0/5, u/1/0,t/0/9"));
  }

  @Test
  void resumeOffsets_missingOrBlank_isEmpty() {
    assertEquals(Map.of(), EventIds.resumeOffsets(null));
    assertEquals(Map.of(), EventIds.resumeOffsets(" "));
  }

  @Test
  void resumeOffsets_malformed_isBadRequest() {
    for (String bad : new String[] {"t/0", "t/x/1", "t/0/1,", "a b/0/1", "t/0/99999999999999999999"}) {
      ProxyException e = assertThrows(ProxyException.class, () -> EventIds.resumeOffsets(bad), bad);
      assertEquals(ErrorCode.BAD_REQUEST, e.errorCode(), bad);
    }
  }
}
