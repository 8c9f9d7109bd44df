package dev.kafkarest.core.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordBatchWriterTest {

  @Test
  void sizeOf_countsKeyAndValueBytes_nullAsZero() {
    assertEquals(0, RecordBatchWriter.sizeOf(new ConsumerRecord<>("t", 0, 0, null, null)));
    assertEquals(5, RecordBatchWriter.sizeOf(new ConsumerRecord<>("t", 0, 0, "ab".getBytes(UTF_8),
        "cde".getBytes(UTF_8))));
  }
}
